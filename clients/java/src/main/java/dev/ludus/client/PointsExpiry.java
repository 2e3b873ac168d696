package dev.ludus.client;

/**
 * When the points of a points system expire ({@link PointsSystemDefinition.Builder#expiresAfterDays},
 * {@link PointsSystem#expiry()}): the points a user earns on a day (UTC) live {@code afterDays} full days
 * after it and expire at the start of the next (earned on 2037-01-10 with 30: gone at
 * 2037-02-10T00:00:00Z). Spending takes the oldest points first. Expired points are taken away when the
 * user is next written, or by the server's expiry sweep, as a {@link PointsHistoryEntry} of source
 * {@code expiry} and reason {@code expired} and a {@link WebhookEventType#POINTS_CHANGED} webhook; points
 * keep the lifetime they were earned under. {@code {"after_days": 30}} in JSON.
 *
 * @param afterDays 1 to 3650
 */
public record PointsExpiry(int afterDays) {

    /** Points that expire {@code days} (1 to 3650) full days after the day they were earned. */
    public static PointsExpiry afterDays(int days) {
        return new PointsExpiry(days);
    }
}
