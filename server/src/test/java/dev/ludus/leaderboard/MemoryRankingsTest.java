package dev.ludus.leaderboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ludus.leaderboard.Ranking.Standing;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MemoryRankingsTest {

    @Test
    void sameNameGivesSameRankingAndForgetEmptiesIt() {
        try (Rankings rankings = Rankings.of(Optional.empty())) {
            Ranking weekly = rankings.ranking("app:board:week");
            weekly.put(new Standing("u", 1, 1, 1));
            weekly.markLoaded();

            assertThat(rankings.ranking("app:board:week")).isSameAs(weekly);
            assertThat(rankings.ranking("app:board:month").size()).isZero();

            rankings.forget("app:board:week");

            assertThat(weekly.size()).isZero();
            assertThat(weekly.loaded()).isFalse();
            assertThat(rankings.ranking("app:board:week")).isNotSameAs(weekly);
        }
    }
}
