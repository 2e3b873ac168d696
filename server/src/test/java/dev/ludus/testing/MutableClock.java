package dev.ludus.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock that tests move by hand: it starts where it is told and never goes back. It stands still
 * until {@link #advance}d, or, made with {@link #running(Instant)}, runs at the pace of real time and
 * can still be moved on. Always UTC. Thread-safe: where it stands is one atomic reference.
 */
public final class MutableClock extends Clock {

    /** Where the clock stands, less the real time run since {@link #originNanos} when it runs. */
    private final AtomicReference<Instant> base;
    private final boolean running;
    private final long originNanos = System.nanoTime();

    /** A clock standing at {@code start} until moved. */
    public MutableClock(Instant start) {
        this(start, false);
    }

    private MutableClock(Instant start, boolean running) {
        this.base = new AtomicReference<>(start);
        this.running = running;
    }

    /** A clock that starts at {@code start} and runs at the pace of {@link System#nanoTime()}. */
    public static MutableClock running(Instant start) {
        return new MutableClock(start, true);
    }

    /** Moves the clock on by {@code duration}. */
    public void advance(Duration duration) {
        base.updateAndGet(instant -> instant.plus(duration));
    }

    /** Moves the clock forward to {@code target}; a clock never goes back. */
    public void advanceTo(Instant target) {
        Duration elapsed = elapsed();
        base.updateAndGet(instant -> {
            Instant now = instant.plus(elapsed);
            if (target.isBefore(now)) {
                throw new IllegalArgumentException("the clock is at " + now + ", after " + target);
            }
            return target.minus(elapsed);
        });
    }

    private Duration elapsed() {
        return running ? Duration.ofNanos(System.nanoTime() - originNanos) : Duration.ZERO;
    }

    @Override
    public Instant instant() {
        return base.get().plus(elapsed());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("tests use UTC");
    }
}
