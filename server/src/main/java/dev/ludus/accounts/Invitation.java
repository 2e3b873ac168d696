package dev.ludus.accounts;

import java.time.Instant;

/**
 * An invitation just made: the account it sets up and its one-time token, which is shown this once
 * (only its SHA-256 is stored) and put in the set-up link.
 *
 * @param account the account, not active until it accepts
 * @param token the raw token
 * @param expiresAt when the link stops working
 */
public record Invitation(Account account, String token, Instant expiresAt) {

    @Override
    public String toString() {
        return "Invitation[account=" + account + ", token=(hidden), expiresAt=" + expiresAt + "]";
    }
}
