package dev.ludus.leaderboard;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** {@link Rankings} held in this JVM: one {@link MemoryRanking} per name, in a concurrent map. */
public final class MemoryRankings implements Rankings {

    private final ConcurrentMap<String, MemoryRanking> byName = new ConcurrentHashMap<>();

    @Override
    public Ranking ranking(String name) {
        return byName.computeIfAbsent(name, unused -> new MemoryRanking());
    }

    /** Removes the ranking and empties it, so that anyone still holding it sees it empty and not loaded. */
    @Override
    public void forget(String name) {
        MemoryRanking ranking = byName.remove(name);
        if (ranking != null) {
            ranking.clear();
        }
    }

    @Override
    public void close() {
        byName.clear();
    }
}
