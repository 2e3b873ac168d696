package dev.ludus.client;

import java.time.Instant;

/**
 * The earning cap that cut what an event earned ({@link PointsChange#cap()}).
 *
 * @param metric the cap's metric; null for a cap on every metric
 * @param points the most the cap allows a period
 * @param earned what events earned toward it in the current period, this one included
 * @param resetsAt when the current period ends (the user's next hour, midnight or Monday)
 */
public record CapReached(String metric, EarningCap.Period period, long points, long earned, Instant resetsAt) { }
