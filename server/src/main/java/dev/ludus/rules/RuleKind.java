package dev.ludus.rules;

/** The kinds of rule, with the name stored in the database and the collection in the API path. */
public enum RuleKind {
    METRIC("metric", "metrics"),
    POINTS_SYSTEM("points_system", "points"),
    ACHIEVEMENT("achievement", "achievements"),
    STREAK("streak", "streaks"),
    LEADERBOARD("leaderboard", "leaderboards");

    private final String stored;
    private final String collection;

    RuleKind(String stored, String collection) {
        this.stored = stored;
        this.collection = collection;
    }

    /** The value of the {@code kind} column. */
    public String stored() {
        return stored;
    }

    /** The path segment under {@code /v1}. */
    public String collection() {
        return collection;
    }

    /** How a reference to a rule of this kind reads in messages: {@code metric:steps}. */
    public String ref(String key) {
        return stored + ":" + key;
    }
}
