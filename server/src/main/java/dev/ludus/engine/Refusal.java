package dev.ludus.engine;

/**
 * A change the rules do not allow (spending more points than a user has, completing an achievement
 * that is not completed by the API). Nothing changed; the caller turns it into an answer.
 */
public final class Refusal extends RuntimeException {

    private final String code;

    public Refusal(String code, String detail) {
        super(detail, null, false, false);
        this.code = code;
    }

    /** A stable machine-readable code, such as {@code insufficient_points}. */
    public String code() {
        return code;
    }
}
