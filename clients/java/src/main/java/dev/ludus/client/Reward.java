package dev.ludus.client;

/**
 * Points granted in a points system when an achievement unlocks (within the system's cap).
 *
 * @param points 1 to 10^9
 */
public record Reward(String system, long points) { }
