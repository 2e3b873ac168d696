package dev.ludus.leaderboard;

/** Placeholder until the factory of the ranking indexes lands; replaced by it on merge. */
public interface Rankings extends AutoCloseable {

    Ranking ranking(String name);

    void forget(String name);

    @Override
    void close();
}
