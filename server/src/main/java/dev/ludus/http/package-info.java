/**
 * Shared HTTP plumbing and nothing else: JSON in and out, problem+json errors, request ids and
 * request metrics, and the route table. It imports no feature package.
 */
package dev.ludus.http;
