/**
 * Rules as data: metrics, points systems and achievements defined per application through the API
 * ({@code PUT/GET/DELETE /v1/metrics|points|achievements}), validated, stored as JSON, versioned,
 * and served to the write path as engine {@link dev.ludus.engine.Rules} from a cache that a version
 * check keeps exact across nodes.
 */
package dev.ludus.rules;
