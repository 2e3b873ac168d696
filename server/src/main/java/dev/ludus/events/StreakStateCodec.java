package dev.ludus.events;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ludus.engine.Amount;
import dev.ludus.engine.StreakPeriod;
import dev.ludus.engine.StreakState;
import dev.ludus.http.Json;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A user's {@link StreakState} as the JSON kept in {@code user_streaks.state}: every member the
 * engine needs to go on from where it stopped. Stateless.
 */
final class StreakStateCodec {

    private final Json json;

    StreakStateCodec(Json json) {
        this.json = json;
    }

    String write(StreakState state) {
        Map<String, Object> node = new LinkedHashMap<>();
        node.put("current", state.current());
        node.put("longest", state.longest());
        node.put("freezes", state.freezes());
        node.put("toward_freeze", state.towardFreeze());
        state.period().ifPresent(period -> node.put("period", Map.of("first_day", period.firstDay().toString(),
                "zone", period.zone().getId(), "start", period.start().toEpochMilli(),
                "end", period.end().toEpochMilli())));
        node.put("period_index", state.periodIndex());
        Map<String, Long> totals = new TreeMap<>();
        state.totals().forEach((metric, amount) -> totals.put(metric, amount.micros()));
        node.put("totals", totals);
        node.put("period_met", state.periodMet());
        node.put("last_counted", state.lastCounted());
        return json.text(node);
    }

    StreakState read(String text) {
        JsonNode node = json.readTrusted(text);
        JsonNode period = node.path("period");
        Optional<StreakPeriod> current = period.isObject()
                ? Optional.of(new StreakPeriod(LocalDate.parse(period.path("first_day").asText()),
                        ZoneId.of(period.path("zone").asText()), Instant.ofEpochMilli(period.path("start").asLong()),
                        Instant.ofEpochMilli(period.path("end").asLong())))
                : Optional.empty();
        Map<String, Amount> totals = new HashMap<>();
        node.path("totals").properties().forEach(entry ->
                totals.put(entry.getKey(), new Amount(entry.getValue().asLong())));
        return new StreakState(node.path("current").asInt(), node.path("longest").asInt(), node.path("freezes").asInt(),
                node.path("toward_freeze").asInt(), current, node.path("period_index").asLong(), totals,
                node.path("period_met").asBoolean(), node.path("last_counted").asLong());
    }
}
