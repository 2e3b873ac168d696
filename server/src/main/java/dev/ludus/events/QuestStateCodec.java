package dev.ludus.events;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ludus.engine.Amount;
import dev.ludus.engine.Quest;
import dev.ludus.engine.QuestState;
import dev.ludus.http.Json;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A user's {@link QuestState} as the JSON kept in {@code user_quests.state}: every member the engine
 * needs to go on from where it stopped. Stateless.
 */
public final class QuestStateCodec {

    private final Json json;

    public QuestStateCodec(Json json) {
        this.json = json;
    }

    public String write(QuestState state) {
        Map<String, Object> node = new LinkedHashMap<>();
        node.put("joined_at", state.joinedAt().map(Instant::toEpochMilli).orElse(null));
        node.put("window", state.window().map(window -> Map.of("start", window.start().toEpochMilli(),
                "end", window.end().toEpochMilli())).orElse(null));
        Map<String, Long> progress = new TreeMap<>();
        state.progress().forEach((step, amount) -> progress.put(step, amount.micros()));
        node.put("progress", progress);
        Map<String, Long> done = new TreeMap<>();
        state.stepsDone().forEach((step, at) -> done.put(step, at.toEpochMilli()));
        node.put("done", done);
        node.put("status", state.status().name().toLowerCase(Locale.ROOT));
        return json.text(node);
    }

    public QuestState read(String text) {
        JsonNode node = json.readTrusted(text);
        Optional<Instant> joined = node.path("joined_at").isNumber()
                ? Optional.of(Instant.ofEpochMilli(node.path("joined_at").asLong())) : Optional.empty();
        JsonNode window = node.path("window");
        Optional<Quest.Span> span = window.isObject()
                ? Optional.of(new Quest.Span(Instant.ofEpochMilli(window.path("start").asLong()),
                        Instant.ofEpochMilli(window.path("end").asLong())))
                : Optional.empty();
        Map<String, Amount> progress = new HashMap<>();
        node.path("progress").properties().forEach(entry ->
                progress.put(entry.getKey(), new Amount(entry.getValue().asLong())));
        Map<String, Instant> done = new HashMap<>();
        node.path("done").properties().forEach(entry ->
                done.put(entry.getKey(), Instant.ofEpochMilli(entry.getValue().asLong())));
        return new QuestState(joined, span, progress, done,
                QuestState.Status.valueOf(node.path("status").asText("active").toUpperCase(Locale.ROOT)));
    }
}
