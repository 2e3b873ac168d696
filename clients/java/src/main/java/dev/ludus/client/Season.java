package dev.ludus.client;

import java.time.Instant;

/**
 * One season of a points system with seasons ({@link PointsSeason}).
 *
 * @param key {@code 2037} (a year), {@code 2037-Q1} (a quarter), {@code 2037-03} (a month), or the local
 *         date of a week's first day or of a day ({@code 2037-03-09})
 * @param start its first instant
 * @param end the instant it ends (exclusive): balances start again from zero then
 */
public record Season(String key, Instant start, Instant end) { }
