package dev.ludus.auth;

/** Limits that token verification and application settings share. */
public final class ApplicationLimits {

    /** Clock skew tolerated on {@code exp}, {@code iat} and {@code nbf}: 60 seconds. */
    public static final long CLOCK_LEEWAY_SECONDS = 60;
    /** Default longest {@code exp - iat}: 24 hours. */
    public static final long DEFAULT_MAX_TOKEN_LIFETIME_SECONDS = 86_400;
    /** Shortest setting of the longest token lifetime: 1 minute. */
    public static final long MIN_TOKEN_LIFETIME_SECONDS = 60;
    /** Highest setting of the longest token lifetime: 30 days. */
    public static final long MAX_TOKEN_LIFETIME_SECONDS = 30L * 86_400;
    /** Largest {@code Authorization} token accepted: 8 KiB. */
    public static final int MAX_TOKEN_BYTES = 8 * 1024;

    private ApplicationLimits() {
    }
}
