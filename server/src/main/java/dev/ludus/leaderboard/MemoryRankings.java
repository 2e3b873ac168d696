package dev.ludus.leaderboard;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** Placeholder factory of in-memory indexes until the factory of the ranking indexes lands. */
public final class MemoryRankings implements Rankings {

    private final ConcurrentMap<String, Ranking> rankings = new ConcurrentHashMap<>();

    @Override
    public Ranking ranking(String name) {
        return rankings.computeIfAbsent(name, key -> new MemoryRanking());
    }

    @Override
    public void forget(String name) {
        rankings.remove(name);
    }

    @Override
    public void close() {
        rankings.clear();
    }
}
