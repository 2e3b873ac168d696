package dev.ludus.client;

/**
 * When the points of a points system expire ({@link PointsSystemDefinition.Builder#expiresAfterDays},
 * {@link PointsSystem#expiry()}): the points a user earns on a day (UTC) live {@code afterDays} full days
 * after it and expire at the start of the next (earned on 2037-01-10 with 30: gone at
 * 2037-02-10T00:00:00Z). Spending takes the oldest points first. Expired points are taken away when the
 * user is next written, or by the server's expiry sweep, as a {@link PointsHistoryEntry} of source
 * {@code expiry} and reason {@code expired} and a {@link WebhookEventType#POINTS_CHANGED} webhook; points
 * keep the lifetime they were earned under. With {@code noticeDays}, a
 * {@link WebhookEventType#POINTS_EXPIRING} webhook tells of each lot of points (what a user earned on a
 * day) {@code noticeDays} days (of 24 hours) before it expires, once, if it still holds points.
 * {@code {"after_days": 30, "notice_days": 7}} in JSON.
 *
 * @param afterDays 1 to 3650
 * @param noticeDays 1 to {@code afterDays}: how many days ahead of each expiry its notice goes out; null
 *         for no notice (and from a server without notices)
 */
public record PointsExpiry(int afterDays, Integer noticeDays) {

    /**
     * Points that expire without notice, as this record was before it had {@link #noticeDays()}, so that
     * code building expiries keeps compiling.
     */
    public PointsExpiry(int afterDays) {
        this(afterDays, null);
    }

    /** Points that expire {@code days} (1 to 3650) full days after the day they were earned, without notice. */
    public static PointsExpiry afterDays(int days) {
        return new PointsExpiry(days);
    }

    /**
     * Points that expire {@code days} (1 to 3650) full days after the day they were earned, each lot
     * announced by a {@link WebhookEventType#POINTS_EXPIRING} webhook {@code noticeDays} (1 to {@code days})
     * days before.
     */
    public static PointsExpiry afterDays(int days, int noticeDays) {
        return new PointsExpiry(days, noticeDays);
    }

    /** This lifetime with a notice {@code noticeDays} (1 to {@link #afterDays()}) days ahead of each expiry. */
    public PointsExpiry withNoticeDays(int noticeDays) {
        return new PointsExpiry(afterDays, noticeDays);
    }
}
