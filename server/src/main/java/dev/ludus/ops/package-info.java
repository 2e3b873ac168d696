/** Operator endpoints that need no token: health, Prometheus metrics, the OpenAPI contract. */
package dev.ludus.ops;
