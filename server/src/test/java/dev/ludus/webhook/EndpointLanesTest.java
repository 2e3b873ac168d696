package dev.ludus.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EndpointLanesTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final long SECOND = 1_000_000_000L;

    @Test
    void noEndpointHasMoreThanItsShareInFlightAndTheOthersGoOnBesideIt() {
        EndpointLanes lanes = new EndpointLanes(8, 2, TIMEOUT);
        lanes.add(deliveries("slow", 1, 10), 0);
        lanes.add(deliveries("fast", 100, 3), 0);

        List<DeliveryStore.Claimed> started = lanes.start(0).attempts();

        assertThat(started).extracting(DeliveryStore.Claimed::endpointId)
                .containsExactly("slow", "slow", "fast", "fast");
        assertThat(lanes.attempting()).isEqualTo(4);
    }

    @Test
    void theOldestMessageGoesFirstWhenTheNodeIsFull() {
        EndpointLanes lanes = new EndpointLanes(2, 2, TIMEOUT);
        lanes.add(List.of(delivery("a", 5), delivery("a", 6), delivery("a", 9)), 0);
        lanes.add(List.of(delivery("b", 7), delivery("b", 8)), 0);

        assertThat(lanes.start(0).attempts()).extracting(DeliveryStore.Claimed::seq).containsExactly(5L, 6L);
        lanes.answered("a", 10, 0);
        assertThat(lanes.start(0).attempts()).extracting(DeliveryStore.Claimed::seq).containsExactly(7L);
        lanes.answered("a", 10, 0);
        lanes.answered("b", 10, 0);
        assertThat(lanes.start(0).attempts()).extracting(DeliveryStore.Claimed::seq).containsExactly(8L, 9L);
    }

    @Test
    void anAnswerGivesThePlaceBackToTheNextOfTheSameEndpoint() {
        EndpointLanes lanes = new EndpointLanes(64, 1, TIMEOUT);
        lanes.add(deliveries("e", 1, 3), 0);

        assertThat(lanes.start(0).attempts()).extracting(DeliveryStore.Claimed::seq).containsExactly(1L);
        assertThat(lanes.start(0).attempts()).isEmpty();
        lanes.answered("e", 5, 0);
        assertThat(lanes.start(0).attempts()).extracting(DeliveryStore.Claimed::seq).containsExactly(2L);
        assertThat(lanes.held()).as("the first is answered, not yet recorded").isEqualTo(3);
        lanes.recorded();
        assertThat(lanes.held()).isEqualTo(2);
    }

    @Test
    void aFastEndpointMayHoldManyRoundsAheadAndASlowOneOnlyWhatFitsInATimeout() {
        EndpointLanes lanes = new EndpointLanes(64, 4, TIMEOUT);
        lanes.add(deliveries("fast", 1, 1), 0);
        lanes.add(deliveries("slow", 2, 1), 0);
        lanes.start(0);
        for (int i = 0; i < 100; i++) {
            // answers settle the recent answer times: 1 ms and 5 s
            lanes.add(List.of(delivery("fast", 1000 + i)), 0);
            lanes.add(List.of(delivery("slow", 2000 + i)), 0);
            lanes.answered("fast", 1, 0);
            lanes.answered("slow", 5_000, 0);
            lanes.start(0);
        }

        // each holds one in flight; the fast one may hold 16 rounds of 4, the slow one the two rounds
        // of 4 that fit in 10 s, and one not heard from yet 4 (a quarter of the timeout each)
        assertThat(lanes.roomPerEndpoint().applyAsInt("fast")).isEqualTo(4 * EndpointLanes.MOST_ROUNDS - 1);
        assertThat(lanes.roomPerEndpoint().applyAsInt("slow")).isEqualTo(2 * 4 - 1);
        assertThat(lanes.roomPerEndpoint().applyAsInt("never-heard-of")).isEqualTo(4 * 4);
    }

    @Test
    void aFullEndpointIsNamedUntilOneOfItsDeliveriesIsAnswered() {
        EndpointLanes lanes = new EndpointLanes(64, 1, TIMEOUT);
        int cap = lanes.roomPerEndpoint().applyAsInt("e");
        lanes.add(deliveries("e", 1, cap), 0);
        assertThat(lanes.full()).containsExactly("e");

        lanes.start(0);
        lanes.answered("e", 2_500, 0);
        assertThat(lanes.full()).isEmpty();
    }

    @Test
    void aDeliveryThatWaitedLongerThanATimeoutIsDroppedUnattempted() {
        EndpointLanes lanes = new EndpointLanes(64, 1, TIMEOUT);
        lanes.add(deliveries("e", 1, 2), 0);
        lanes.start(0);
        lanes.add(deliveries("e", 3, 1), 5 * SECOND);

        lanes.answered("e", 10_000, 0);
        EndpointLanes.Started started = lanes.start(11 * SECOND);

        assertThat(started.stale()).extracting(DeliveryStore.Claimed::seq).containsExactly(2L);
        assertThat(started.attempts()).extracting(DeliveryStore.Claimed::seq).containsExactly(3L);
        lanes.recorded();
        assertThat(lanes.held()).isEqualTo(1);
    }

    @Test
    void theNodeClaimsNoMoreThanItsRoomInAll() {
        EndpointLanes lanes = new EndpointLanes(4, 4, TIMEOUT);
        int room = lanes.room();
        assertThat(room).isEqualTo(4 * EndpointLanes.MOST_ROUNDS / 2);

        lanes.add(deliveries("e", 1, room), 0);
        assertThat(lanes.room()).isZero();
        lanes.start(0);
        lanes.answered("e", 1, 0);
        assertThat(lanes.room()).as("answered, its result not yet committed").isZero();
        lanes.recorded();
        assertThat(lanes.room()).isEqualTo(1);
    }

    @Test
    void aStoppingNodeTakesWhatWaitsOffTheQueuesAndLeavesTheAttemptsInFlight() {
        EndpointLanes lanes = new EndpointLanes(64, 1, TIMEOUT);
        lanes.add(deliveries("a", 1, 3), 0);
        lanes.add(deliveries("b", 10, 1), 0);
        lanes.start(0);

        assertThat(lanes.drain()).extracting(DeliveryStore.Claimed::seq).containsExactly(2L, 3L);
        assertThat(lanes.held()).as("the two in flight").isEqualTo(2);
        assertThat(lanes.start(0).attempts()).isEmpty();
        lanes.answered("a", 1, 0);
        lanes.recorded();
        assertThat(lanes.held()).isEqualTo(1);
    }

    @Test
    void anAnswerOrARecordWithNothingInFlightIsABug() {
        EndpointLanes lanes = new EndpointLanes(4, 4, TIMEOUT);
        assertThatThrownBy(() -> lanes.answered("e", 1, 0)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(lanes::recorded).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aNodeWithDeliveriesWaitingClaimsOnlyOnceThereIsRoomForAnEighthOfWhatItHolds() {
        EndpointLanes lanes = new EndpointLanes(4, 4, TIMEOUT);
        int most = lanes.claimable();
        assertThat(most).as("nothing held, nothing waiting").isEqualTo(4 * EndpointLanes.MOST_ROUNDS / 2);
        lanes.add(deliveries("e", 1, most), 0);
        lanes.start(0);
        for (int i = 1; i < most / 8; i++) {
            lanes.answered("e", 1, 0);
            lanes.recorded();
        }
        assertThat(lanes.claimable()).as("room for %d, deliveries waiting", most / 8 - 1).isZero();

        lanes.answered("e", 1, 0);
        lanes.recorded();
        assertThat(lanes.claimable()).isEqualTo(most / 8);
    }

    @Test
    void anEndpointIsPromptWhileItAnswersFastAndNotOnceItsAttemptsGoUnanswered() {
        EndpointLanes lanes = new EndpointLanes(64, 1, TIMEOUT);
        List<DeliveryStore.Claimed> due = new ArrayList<>();
        for (long seq = 1; seq <= 30; seq++) {
            due.add(new DeliveryStore.Claimed(seq, "e", 0, "msg_" + seq, EventType.POINTS_CHANGED, "{}", 1_000 * seq));
        }
        lanes.add(due, 0);
        assertThat(lanes.prompt(0)).as("not heard from yet").isEmpty();
        assertThat(lanes.oldestPromptWaiting(0)).isEqualTo(DeliveryStore.NONE_LEFT);

        for (int i = 0; i < 25; i++) {
            lanes.start(0);
            lanes.answered("e", 1, 0);
            lanes.recorded();
        }
        assertThat(lanes.prompt(0)).containsExactly("e");
        assertThat(lanes.oldestPromptWaiting(0)).as("the 26th waits").isEqualTo(26_000);

        lanes.start(0);
        long prompt = EndpointLanes.PROMPT_MILLIS * 1_000_000;
        assertThat(lanes.prompt(prompt)).as("an attempt in flight for the longest a prompt answer takes")
                .containsExactly("e");
        assertThat(lanes.prompt(prompt + 1)).as("unanswered for longer").isEmpty();
        assertThat(lanes.oldestPromptWaiting(prompt + 1)).isEqualTo(DeliveryStore.NONE_LEFT);
        lanes.answered("e", 5_000, prompt + 1);
        assertThat(lanes.prompt(prompt + 1)).as("answered, slowly").isEmpty();
    }

    @Test
    void anEndpointsAnswerTimeIsRememberedWhileNothingIsQueuedForIt() {
        EndpointLanes lanes = new EndpointLanes(64, 4, TIMEOUT);
        for (int i = 0; i < 30; i++) {
            lanes.add(List.of(delivery("e", i)), 0);
            lanes.start(0);
            lanes.answered("e", 1, 0);
            lanes.recorded();
        }
        assertThat(lanes.held()).isZero();

        lanes.add(List.of(delivery("e", 100)), 0);
        assertThat(lanes.prompt(0)).as("known to answer at once").containsExactly("e");
        assertThat(lanes.roomPerEndpoint().applyAsInt("other")).as("never heard of: a quarter of the timeout")
                .isEqualTo(4 * 4);
        assertThat(lanes.roomPerEndpoint().applyAsInt("e")).isEqualTo(4 * EndpointLanes.MOST_ROUNDS - 1);
    }

    private static List<DeliveryStore.Claimed> deliveries(String endpoint, long firstSeq, int count) {
        List<DeliveryStore.Claimed> deliveries = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            deliveries.add(delivery(endpoint, firstSeq + i));
        }
        return deliveries;
    }

    private static DeliveryStore.Claimed delivery(String endpoint, long seq) {
        return new DeliveryStore.Claimed(seq, endpoint, 0, "msg_" + seq, EventType.POINTS_CHANGED, "{}", 0);
    }
}
