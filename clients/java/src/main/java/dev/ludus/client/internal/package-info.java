/**
 * Not API: the HTTP transport (retries, error mapping, JSON) and the three authentication
 * strategies. Classes here may change in any release.
 */
package dev.ludus.client.internal;
