package dev.ludus.webhook;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToIntFunction;

/**
 * The deliveries a node has claimed and not yet attempted, queued per endpoint, and the attempts in
 * flight: at most {@code perEndpoint} attempts to one endpoint and {@code concurrency} in all at once,
 * the oldest message first among the endpoints with room. A place is taken when an attempt starts and given back when its HTTP answer
 * arrives (or it ends without one), not when its result is committed.
 *
 * <p>A node claims ahead of its attempts so that a fast receiver never waits for a claim: an endpoint
 * may hold {@code perEndpoint} times as many deliveries as fit, one after another, in one timeout at
 * its recent answer time (at least one round, at most {@link #MOST_ROUNDS}), so that the last one
 * queued still starts within a timeout of its claim; the claim's lease covers that wait
 * ({@link Dispatcher#lease()}). A delivery that waited longer anyway (the receiver slowed down) is
 * dropped from the queue unattempted, and is claimed again once its lease has expired.
 *
 * <p>Thread-safety: every method is {@code synchronized} on the instance.
 */
final class EndpointLanes {

    /** The most rounds of {@code perEndpoint} attempts one endpoint may hold claimed ahead. */
    static final int MOST_ROUNDS = 16;
    /** The answer time assumed for an endpoint not heard from yet, as a share of the timeout. */
    private static final int FIRST_GUESS_DIVISOR = 4;
    /** How many endpoints' answer times are kept while nothing is held for them. */
    static final int REMEMBERED = 10_000;
    /** How much of a new answer time goes into an endpoint's recent answer time. */
    private static final double WEIGHT = 0.2;
    /**
     * An endpoint is prompt while its recent answer time is at most this, and, while attempts to it
     * are in flight, it answered one within this: its deliveries lagging is the node's doing, not the
     * receiver's ({@link Dispatcher#awaitDeliveries}).
     */
    static final long PROMPT_MILLIS = 250;

    /** A claimed delivery and when it was claimed ({@link System#nanoTime()}). */
    private record Queued(DeliveryStore.Claimed delivery, long claimedAt) { }

    private static final class Lane {
        final ArrayDeque<Queued> waiting = new ArrayDeque<>();
        int attempting;
        double answerMillis;
        /** When it last answered, or when an attempt started with none in flight ({@link System#nanoTime()}). */
        long heardAt;

        Lane(double answerMillis) {
            this.answerMillis = answerMillis;
        }

        int held() {
            return waiting.size() + attempting;
        }
    }

    private final int concurrency;
    private final int perEndpoint;
    private final int mostHeld;
    private final long timeoutMillis;
    private final long longestWaitNanos;
    private final Map<String, Lane> lanes = new LinkedHashMap<>();
    /** Each endpoint's recent answer time, kept after its lane empties (the most recently heard {@link #REMEMBERED}). */
    private final Map<String, Double> heard = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Double> eldest) {
            return size() > REMEMBERED;
        }
    };
    private int attempting;
    /** Claimed and not yet recorded (or dropped as stale). */
    private int held;

    /**
     * @param concurrency the most attempts in flight in all
     * @param perEndpoint the most attempts in flight to one endpoint
     * @param timeout an attempt's timeout: the longest a claimed delivery waits in its queue
     */
    EndpointLanes(int concurrency, int perEndpoint, Duration timeout) {
        this.concurrency = concurrency;
        this.perEndpoint = perEndpoint;
        this.mostHeld = concurrency * MOST_ROUNDS / 2;
        this.timeoutMillis = timeout.toMillis();
        this.longestWaitNanos = timeout.toNanos();
    }

    /**
     * How many more deliveries this node may claim now, over all endpoints: those queued, in flight
     * and answered but not yet recorded count against it, so that slow result commits hold claims back.
     */
    synchronized int room() {
        return Math.max(0, mostHeld - held);
    }

    /**
     * How many deliveries to claim now: the {@link #room}, once there is room for an eighth of what
     * the node may hold or nothing waits here. A claim reads the oldest pending deliveries from the
     * start, so a node that has work queued claims in fewer, larger steps.
     */
    synchronized int claimable() {
        int room = Math.max(0, mostHeld - held);
        boolean waiting = lanes.values().stream().anyMatch(lane -> !lane.waiting.isEmpty());
        return room >= Math.max(1, mostHeld / 8) || !waiting ? room : 0;
    }

    /** The endpoints that may not take one more claimed delivery now. */
    synchronized Set<String> full() {
        Set<String> full = new java.util.HashSet<>();
        lanes.forEach((endpoint, lane) -> {
            if (lane.held() >= cap(lane)) {
                full.add(endpoint);
            }
        });
        return full;
    }

    /** How many more deliveries each endpoint may take now, as of this call. */
    synchronized ToIntFunction<String> roomPerEndpoint() {
        Map<String, Integer> room = new HashMap<>();
        lanes.forEach((endpoint, lane) -> room.put(endpoint, Math.max(0, cap(lane) - lane.held())));
        return endpoint -> room.computeIfAbsent(endpoint, this::roomOfIdle);
    }

    /** Queues what a claim took, each behind its endpoint's earlier ones. */
    synchronized void add(List<DeliveryStore.Claimed> claimed, long now) {
        for (DeliveryStore.Claimed delivery : claimed) {
            lanes.computeIfAbsent(delivery.endpointId(), this::newLane)
                    .waiting.add(new Queued(delivery, now));
            held++;
        }
    }

    /**
     * Takes the deliveries whose attempts may start now and counts them as in
     * flight: the oldest message first among the endpoints with room, so that endpoints take turns.
     * Those that waited longer than a timeout are taken off their queues and answered as stale.
     */
    synchronized Started start(long now) {
        List<DeliveryStore.Claimed> starting = new ArrayList<>();
        List<DeliveryStore.Claimed> stale = new ArrayList<>();
        while (attempting < concurrency) {
            Lane oldest = null;
            Queued oldestHead = null;
            for (Lane lane : lanes.values()) {
                Queued head = nextFresh(lane, now, stale);
                if (head != null && lane.attempting < perEndpoint
                        && (oldestHead == null || head.delivery().seq() < oldestHead.delivery().seq())) {
                    oldest = lane;
                    oldestHead = head;
                }
            }
            if (oldest == null) {
                break;
            }
            oldest.waiting.poll();
            if (oldest.attempting == 0) {
                oldest.heardAt = now;
            }
            oldest.attempting++;
            attempting++;
            starting.add(oldestHead.delivery());
        }
        dropIdle();
        return new Started(starting, stale);
    }

    /** The deliveries to attempt now, and those dropped unattempted because they waited too long. */
    record Started(List<DeliveryStore.Claimed> attempts, List<DeliveryStore.Claimed> stale) { }

    /**
     * An attempt to {@code endpointId} ended at {@code now}: its HTTP answer took {@code answerMillis} (or it
     * had none). Its place is free; the delivery still counts against the node's room until {@link #recorded}.
     */
    synchronized void answered(String endpointId, long answerMillis, long now) {
        Lane lane = lanes.get(endpointId);
        if (lane == null || lane.attempting == 0) {
            throw new IllegalStateException("no attempt in flight to " + endpointId);
        }
        lane.attempting--;
        attempting--;
        lane.answerMillis += WEIGHT * (answerMillis - lane.answerMillis);
        lane.heardAt = now;
        heard.put(endpointId, lane.answerMillis);
    }

    /**
     * The endpoints that are prompt at {@code now} (see {@link #PROMPT_MILLIS}); one this node holds
     * nothing for is not known to be.
     */
    synchronized Set<String> prompt(long now) {
        Set<String> prompt = new java.util.HashSet<>();
        lanes.forEach((endpoint, lane) -> {
            if (prompt(lane, now)) {
                prompt.add(endpoint);
            }
        });
        return prompt;
    }

    /**
     * When the oldest delivery waiting here for a prompt endpoint was due (epoch milliseconds, see
     * {@link DeliveryStore.Claimed#dueAt}), or {@link DeliveryStore#NONE_LEFT}.
     */
    synchronized long oldestPromptWaiting(long now) {
        long oldest = DeliveryStore.NONE_LEFT;
        for (Lane lane : lanes.values()) {
            Queued head = lane.waiting.peek();
            if (head != null && prompt(lane, now)) {
                oldest = Math.min(oldest, head.delivery().dueAt());
            }
        }
        return oldest;
    }

    /** An answered attempt's result is committed (or was given up): the node may claim one more. */
    synchronized void recorded() {
        if (held == 0) {
            throw new IllegalStateException("no delivery held");
        }
        held--;
    }

    /** Takes every delivery still waiting for its attempt off the queues (the node stops), and answers them. */
    synchronized List<DeliveryStore.Claimed> drain() {
        List<DeliveryStore.Claimed> drained = new ArrayList<>();
        for (Lane lane : lanes.values()) {
            for (Queued queued : lane.waiting) {
                drained.add(queued.delivery());
            }
            held -= lane.waiting.size();
            lane.waiting.clear();
        }
        dropIdle();
        return drained;
    }

    /** Attempts in flight now, in all. */
    synchronized int attempting() {
        return attempting;
    }

    /** Deliveries claimed and not yet recorded, in all. */
    synchronized int held() {
        return held;
    }

    private Queued nextFresh(Lane lane, long now, List<DeliveryStore.Claimed> stale) {
        Queued next;
        while ((next = lane.waiting.peek()) != null && now - next.claimedAt() > longestWaitNanos) {
            lane.waiting.poll();
            held--;
            stale.add(next.delivery());
        }
        return next;
    }

    private void dropIdle() {
        for (Iterator<Lane> it = lanes.values().iterator(); it.hasNext(); ) {
            if (it.next().held() == 0) {
                it.remove();
            }
        }
    }

    private Lane newLane(String endpoint) {
        return new Lane(heard.getOrDefault(endpoint, firstGuess()));
    }

    /** The room of an endpoint this node holds nothing for: what fits at its last known answer time. */
    private synchronized int roomOfIdle(String endpoint) {
        return perEndpoint * rounds(heard.getOrDefault(endpoint, firstGuess()));
    }

    private static boolean prompt(Lane lane, long now) {
        return lane.answerMillis <= PROMPT_MILLIS
                && (lane.attempting == 0 || now - lane.heardAt <= PROMPT_MILLIS * 1_000_000);
    }

    private int cap(Lane lane) {
        return perEndpoint * rounds(lane.answerMillis);
    }

    private int rounds(double answerMillis) {
        long rounds = (long) (timeoutMillis / Math.max(1.0, answerMillis));
        return (int) Math.max(1, Math.min(MOST_ROUNDS, rounds));
    }

    private double firstGuess() {
        return (double) timeoutMillis / FIRST_GUESS_DIVISOR;
    }
}
