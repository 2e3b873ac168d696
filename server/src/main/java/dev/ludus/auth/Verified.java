package dev.ludus.auth;

/**
 * A token that passed every check, with what decides how long that verdict may be reused: the
 * instant it ends (the token's expiry with leeway, or earlier when its secret's grace period or its
 * signing key's publication ends) and the state it was checked against.
 *
 * @param reusableUntilMillis epoch milliseconds after which the token must be checked again
 * @param app the application credentials it was verified with (compared by identity)
 * @param keys the signing key snapshot it was verified with, for server tokens; else null
 */
record Verified(Principal principal, long reusableUntilMillis, AppCredentials app, Object keys) { }
