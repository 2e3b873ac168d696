/**
 * Tenants, applications, API secrets and client credentials; the legacy ECDSA keys and when each
 * last signed; the operator API and the application's own settings; the in-memory directory of
 * credentials that token verification reads.
 */
package dev.ludus.tenancy;
