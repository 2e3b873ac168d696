package dev.ludus.profiles;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ludus.engine.Flag;
import dev.ludus.http.Json;
import java.time.Duration;
import java.time.Instant;

/**
 * A user's flag as answers, webhooks and the {@code users.flag} column show it: raised at
 * {@code flaggedAt} for {@code reason} {@code velocity}, by {@code events} events of {@code metric} within
 * {@code seconds}; {@code hold} says whether their awards are held until it is cleared.
 */
public record FlagView(String reason, String metric, int events, long seconds, boolean hold, Instant flaggedAt) {

    /** The view of a flag, or null for none. */
    public static FlagView of(Flag flag) {
        return flag == null ? null : new FlagView(flag.reason(), flag.metric(), flag.events(),
                flag.window().toSeconds(), flag.hold(), flag.flaggedAt());
    }

    /** The flag stored as {@code text} (a view as JSON), or null for none. */
    static Flag read(Json json, String text) {
        if (text == null) {
            return null;
        }
        JsonNode node = json.readTrusted(text);
        return new Flag(Instant.parse(node.path("flagged_at").asText()), node.path("metric").asText(),
                node.path("events").asInt(), Duration.ofSeconds(node.path("seconds").asLong()),
                node.path("hold").asBoolean());
    }

    /** {@code flag} as the {@code users.flag} column keeps it. */
    public static String write(Json json, Flag flag) {
        return json.text(of(flag));
    }
}
