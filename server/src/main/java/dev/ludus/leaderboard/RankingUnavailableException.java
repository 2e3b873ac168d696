package dev.ludus.leaderboard;

/**
 * A ranking index could not answer or refused a change: Redis is down, unreachable, or refuses
 * writes ({@code MISCONF}, {@code READONLY}, {@code OOM}). The store still holds every score; the
 * index is repaired from it once it answers again.
 */
public final class RankingUnavailableException extends RuntimeException {

    public RankingUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
