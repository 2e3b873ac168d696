/**
 * The test harness of Ludus, published as the server's test-jar ({@code ludus-server-<version>-tests.jar},
 * "ludus-testing") for the server's own suite, the Java SDK's tests and anyone testing an
 * integration with Ludus; docs/testing.md shows how to use it.
 *
 * <p>What it offers to others:
 * <ul>
 *   <li>{@link dev.ludus.testing.TestLudus}: a real server on a random port, on a fresh SQLite or
 *       PostgreSQL store ({@link dev.ludus.testing.TestStore}), with a {@link dev.ludus.testing.MutableClock};
 *       {@link dev.ludus.testing.LudusServer} is the same as a JUnit 5 extension, one per test class;</li>
 *   <li>{@link dev.ludus.testing.TestApp}: a tenant and an application with their secrets, and the
 *       tokens they sign ({@link dev.ludus.testing.Tokens});</li>
 *   <li>{@link dev.ludus.testing.Http}: a small HTTP client that checks every answer against the
 *       served contract ({@link dev.ludus.testing.Contract});</li>
 *   <li>{@link dev.ludus.testing.WebhookReceiver}: a local endpoint that records the webhooks it gets;</li>
 *   <li>{@link dev.ludus.testing.LegacySigner}: an independent signer of the legacy ECDSA scheme.</li>
 * </ul>
 *
 * <p>The other classes ({@code GameSetup}, {@code RawHttp}, {@code ServerProcess}, {@code TcpProxy},
 * {@code RedisProcess}, {@code TestRedis}, and {@code TestDatabase}: a migrated store with one
 * application for tests below the routes) serve the server's own suite and are not in the test-jar.
 */
package dev.ludus.testing;
