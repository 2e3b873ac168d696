package dev.ludus.leaderboard;

class MemoryRankingTest extends RankingContract {

    @Override
    protected Ranking newRanking() {
        return new MemoryRanking();
    }
}
