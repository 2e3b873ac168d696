package dev.ludus.client;

/**
 * A metric's velocity guard ({@code velocity} of {@link MetricDefinition} and {@link Metric}): more than
 * {@code maxEvents} events of the metric from one user arriving within {@code seconds} (by the server's
 * clock on arrival, not {@code occurred_at}) flag the user ({@link User#flag()}, {@link EventAnswer#flag()},
 * the webhook {@link WebhookEventType#USER_FLAGGED}). A flagged user is not flagged again until
 * {@link UsersApi#clearFlag(String)} clears the flag.
 *
 * @param maxEvents 1 to 1,000
 * @param seconds the window, 1 to 86,400
 * @param hold whether the flagged user's events then award nothing (no points, achievements, streaks or
 *         quests; totals still count) until the flag is cleared
 */
public record VelocityGuard(int maxEvents, int seconds, boolean hold) { }
