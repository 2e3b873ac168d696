/**
 * The test harness: a real server on a random port ({@link dev.ludus.testing.TestLudus}), a real
 * HTTP client ({@link dev.ludus.testing.Http}) that checks every answer against the served contract
 * ({@link dev.ludus.testing.Contract}), token minting, a movable clock and a webhook receiver; and a
 * migrated store with one application for tests below the routes ({@link dev.ludus.testing.TestDatabase}).
 */
package dev.ludus.testing;
