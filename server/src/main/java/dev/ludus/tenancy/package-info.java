/**
 * Tenants, applications, API secrets and client credentials; the operator API and the
 * application's own settings; the in-memory directory of credentials that token verification reads.
 */
package dev.ludus.tenancy;
