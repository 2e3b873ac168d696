package dev.ludus.client;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.Locale;

/**
 * A user's redemption of a reward ({@code GET /v1/redemptions/{id}}).
 *
 * @param id {@code rdm_...}, the reference of its points history entries
 * @param reward the reward's key
 * @param pointsSystem the points system its cost was paid in, as the reward stood when redeemed
 * @param cost the points spent, as the reward stood when redeemed
 * @param createdAt when it was redeemed
 * @param updatedAt when its status last changed
 */
public record Redemption(String id, String userId, String reward, String pointsSystem, long cost, Status status,
        Instant createdAt, Instant updatedAt) {

    /** Where the redemption stands; only a pending one can be fulfilled or cancelled. */
    public enum Status {
        /** Redeemed, not yet handed over. */
        @JsonProperty("pending") PENDING,
        /** Handed over. */
        @JsonProperty("fulfilled") FULFILLED,
        /** Refunded; its unit is back in the stock. */
        @JsonProperty("cancelled") CANCELLED,
        /** A status this version of the SDK does not know (a newer server). */
        @JsonEnumDefaultValue UNKNOWN;

        /** The status as the server writes it ({@code pending}, ...), for the {@code status} filter. */
        String wireName() {
            if (this == UNKNOWN) {
                throw new IllegalArgumentException("UNKNOWN is no status to filter on");
            }
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
