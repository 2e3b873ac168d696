package dev.ludus.client;

/**
 * The answer of {@code DELETE /v1/users/{id}/flag} ({@link UsersApi#clearFlag(String)}).
 *
 * @param cleared whether the user was flagged (false: nothing changed)
 * @param flag the flag cleared; null when there was none
 */
public record FlagClear(String userId, boolean cleared, UserFlag flag) { }
