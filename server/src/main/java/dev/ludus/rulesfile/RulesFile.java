package dev.ludus.rulesfile;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.ludus.http.ApiException;
import dev.ludus.http.Json;
import dev.ludus.http.JsonBody;
import dev.ludus.rules.RuleCodec;
import dev.ludus.tenancy.ApplicationChanges;
import dev.ludus.tenancy.ApplicationRequests;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A rules file, the text that {@code ludus apply} and the console load: YAML (or JSON, which is YAML)
 * with the top-level members {@code metrics}, {@code points}, {@code achievements}, {@code streaks} and
 * {@code leaderboards}, each a map from key to the body that {@code PUT /v1/<collection>/{key}} takes,
 * and {@code application}, the application's settings that a file may hold ({@link #SETTINGS}), as
 * {@code PATCH /v1/application} takes them.
 * Every rule is read with the server's own codecs ({@link StandardKind}), so a file that loads here
 * holds only bodies the server accepts, and each rule carries its canonical form: exactly what the
 * server stores and answers for it. Problems are collected for the whole file and reported together
 * ({@link RulesFileException}), each with its line and the rule's key. Immutable once read.
 */
public final class RulesFile {

    /** The top-level members, in the order rules are applied. */
    public static final Map<String, StandardKind> SECTIONS = sections();

    /** The top-level member that holds the application's settings. */
    public static final String APPLICATION = "application";
    /** The settings of the application that a file may hold: the browser origins it allows (docs/cors.md). */
    public static final Set<String> SETTINGS = Set.of("cors_origins");

    /** JSON in and out of rules files: decimals exact, and written plain (1000, not 1E+3). */
    public static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
            .build();

    private static final Json SERVER_JSON = new Json();
    private static final Pattern YAML_MARK = Pattern.compile("line (\\d+), column (\\d+)");

    /**
     * One rule of the file.
     *
     * @param body the body as written, sent as the PUT body
     * @param canonical the definition as the server stores it, defaults filled in
     */
    public record Rule(StandardKind kind, String key, ObjectNode body, ObjectNode canonical) { }

    private final String name;
    private final Map<String, Integer> lines;
    private final Map<StandardKind, Map<String, Rule>> rules;
    private Optional<ObjectNode> settings = Optional.empty();

    private RulesFile(String name, Map<String, Integer> lines, Map<StandardKind, Map<String, Rule>> rules) {
        this.name = name;
        this.lines = lines;
        this.rules = rules;
    }

    /**
     * Reads and checks the text of a rules file, named {@code name} in messages ({@code rules.yaml});
     * {@link RulesFileException} with every problem of the file.
     */
    public static RulesFile parse(String name, String text) {
        YAMLFactory factory = YAMLFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
        YAMLMapper mapper = YAMLMapper.builder(factory).enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();
        JsonNode root;
        try (JsonParser parser = mapper.createParser(text)) {
            root = mapper.readTree(parser);
            if (parser.nextToken() != null) {
                throw RulesFileException.describing(name, Problem.ofFile(parser.currentTokenLocation().getLineNr(), 0,
                        "a second YAML document; put all rules in one document"));
            }
        } catch (JsonProcessingException e) {
            throw RulesFileException.describing(name, syntaxError(e));
        } catch (IOException e) {
            throw RulesFileException.withMessage("cannot read " + name + ": " + e.getMessage(),
                    Problem.ofFile(0, 0, "cannot read the file: " + e.getMessage()));
        }
        RulesFile file = new RulesFile(name, lines(factory, text), new EnumMap<>(StandardKind.class));
        file.read(root);
        return file;
    }

    /** The rules of one kind, in file order. */
    public Collection<Rule> rules(StandardKind kind) {
        return Collections.unmodifiableCollection(rules.getOrDefault(kind, Map.of()).values());
    }

    public boolean has(StandardKind kind, String key) {
        return rules.getOrDefault(kind, Map.of()).containsKey(key);
    }

    /**
     * The application's settings that the file sets, as the application's view shows them (origins
     * normalised, without repeats); empty when the file has no {@code application} member or sets
     * nothing in it. A setting the file does not name is left as it is.
     */
    public Optional<ObjectNode> settings() {
        return settings.map(ObjectNode::deepCopy);
    }

    /** A problem of the application's settings: {@code member} a JSON Pointer into them ({@code /cors_origins/1}) or empty. */
    Problem settingsProblem(String member, String message) {
        return new Problem(line("/" + APPLICATION + member), 0, APPLICATION, fieldOf(member), message);
    }

    /** How many rules the file holds. */
    public int size() {
        return rules.values().stream().mapToInt(Map::size).sum();
    }

    /** The file's name as messages show it. */
    public String name() {
        return name;
    }

    /**
     * A problem of a member of a rule, at its line: {@code member} is a JSON Pointer into the rule's
     * body ({@code /trigger/threshold}) or empty; a member that is not written (a required one that is
     * missing) is found at its nearest parent.
     */
    Problem problem(StandardKind kind, String key, String member, String message) {
        String section = section(kind);
        return new Problem(line(pointer(section, key) + member), 0, section + "." + key, fieldOf(member), message);
    }

    // ---- reading ----

    private void read(JsonNode root) {
        List<Problem> problems = new ArrayList<>();
        if (root == null || root.isMissingNode() || root.isNull()) {
            String sections = String.join(", ", SECTIONS.keySet());
            throw RulesFileException.withMessage(name + " is empty: give at least one of " + sections,
                    Problem.ofFile(0, 0, "the file is empty: give at least one of " + sections));
        }
        if (!root.isObject()) {
            throw RulesFileException.describing(name, Problem.ofFile(line(""), 0,
                    "the file must be a map with the members " + String.join(", ", SECTIONS.keySet())));
        }
        root.properties().forEach(entry -> {
            if (!SECTIONS.containsKey(entry.getKey()) && !APPLICATION.equals(entry.getKey())) {
                problems.add(Problem.ofFile(line("/" + escape(entry.getKey())), 0, "unknown top-level member '"
                        + entry.getKey() + "': a rules file holds only " + String.join(", ", SECTIONS.keySet())
                        + " and " + APPLICATION));
            }
        });
        settings = readSettings(root.get(APPLICATION), problems);
        SECTIONS.forEach((section, kind) -> {
            Map<String, Rule> byKey = new LinkedHashMap<>();
            rules.put(kind, byKey);
            JsonNode members = root.get(section);
            if (members == null || members.isNull() || isEmptyText(members)) {
                return;
            }
            if (!members.isObject()) {
                problems.add(Problem.ofFile(line("/" + section), 0, "'" + section + "' must be a map from "
                        + noun(kind) + " key to its definition"));
                return;
            }
            members.properties().forEach(entry -> read(kind, entry.getKey(), entry.getValue(), problems)
                    .ifPresent(rule -> byKey.put(rule.key(), rule)));
        });
        checkPrerequisiteCycles(problems);
        if (!problems.isEmpty()) {
            throw RulesFileException.listing(name, problems);
        }
    }

    private Optional<Rule> read(StandardKind kind, String key, JsonNode value, List<Problem> problems) {
        if (!RuleCodec.KEY.matcher(key).matches()) {
            problems.add(problem(kind, key, "", "a key must match " + RuleCodec.KEY.pattern()));
            return Optional.empty();
        }
        ObjectNode body;
        if (value == null || value.isNull() || isEmptyText(value)) {
            body = JSON.createObjectNode();
        } else if (value instanceof ObjectNode object) {
            body = object;
        } else {
            problems.add(problem(kind, key, "", "the definition must be a map of members (name, description, ...)"));
            return Optional.empty();
        }
        try {
            return Optional.of(new Rule(kind, key, body, kind.canonical(key, body(body))));
        } catch (ApiException e) {
            problems.add(problem(kind, key, memberOf(e), e.detail()));
            return Optional.empty();
        }
    }

    /**
     * The {@code application} member: only {@link #SETTINGS}, read as {@code PATCH /v1/application}
     * reads them, so a file refuses exactly what the API refuses.
     */
    private Optional<ObjectNode> readSettings(JsonNode value, List<Problem> problems) {
        if (value == null || value.isNull() || isEmptyText(value)) {
            return Optional.empty();
        }
        if (!(value instanceof ObjectNode object)) {
            problems.add(settingsProblem("", "'" + APPLICATION + "' must be a map of the application's settings ("
                    + String.join(", ", SETTINGS) + ")"));
            return Optional.empty();
        }
        for (String member : (Iterable<String>) object::fieldNames) {
            if (!SETTINGS.contains(member)) {
                problems.add(settingsProblem("/" + escape(member), "'" + member + "' is not a setting a rules file holds;"
                        + " it holds only " + String.join(", ", SETTINGS) + " (the others are the operator's)"));
                return Optional.empty();
            }
        }
        ObjectNode settings = object.deepCopy();
        JsonNode origins = settings.get("cors_origins");
        if (origins != null && (origins.isNull() || isEmptyText(origins))) {
            settings.putArray("cors_origins"); // `cors_origins:` with nothing after it: none, as `[]`
        }
        ApplicationChanges changes;
        try {
            changes = ApplicationRequests.changes(body(settings));
        } catch (ApiException e) {
            problems.add(settingsProblem(memberOf(e), e.detail()));
            return Optional.empty();
        }
        ObjectNode canonical = JSON.createObjectNode();
        changes.corsOrigins().ifPresent(list -> list.forEach(canonical.putArray("cors_origins")::add));
        return canonical.isEmpty() ? Optional.empty() : Optional.of(canonical);
    }

    /** A body as the server reads a request's. */
    static JsonBody body(ObjectNode body) {
        try {
            return SERVER_JSON.bodyOf(JSON.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a rule's body cannot be written as JSON", e);
        }
    }

    /** The member that a refusal names ({@code field}) as a JSON Pointer, or empty. */
    static String memberOf(ApiException refusal) {
        Object field = refusal.members().get("field");
        return field == null ? "" : fieldPointer(field.toString());
    }

    /** Composite achievements whose prerequisites in the file lead back to themselves. */
    private void checkPrerequisiteCycles(List<Problem> problems) {
        try {
            achievementOrder();
        } catch (RulesFileException e) {
            problems.addAll(e.problems());
        }
    }

    /**
     * The file's achievements with every prerequisite that the file defines before the achievements
     * that need it (file order otherwise); {@link RulesFileException} on a cycle.
     */
    List<Rule> achievementOrder() {
        Map<String, Rule> achievements = rules.getOrDefault(StandardKind.ACHIEVEMENT, Map.of());
        List<Rule> ordered = new ArrayList<>();
        Set<String> placed = new LinkedHashSet<>();
        List<Rule> pending = new ArrayList<>(achievements.values());
        while (!pending.isEmpty()) {
            boolean progress = false;
            for (var iterator = pending.iterator(); iterator.hasNext(); ) {
                Rule rule = iterator.next();
                boolean ready = prerequisites(rule).stream()
                        .allMatch(key -> placed.contains(key) || !achievements.containsKey(key));
                if (ready) {
                    ordered.add(rule);
                    placed.add(rule.key());
                    iterator.remove();
                    progress = true;
                }
            }
            if (!progress) {
                Rule first = pending.getFirst();
                throw RulesFileException.describing(name, problem(StandardKind.ACHIEVEMENT, first.key(),
                        "/trigger/prerequisites", "the prerequisites of "
                                + String.join(", ", pending.stream().map(Rule::key).toList()) + " lead back to themselves"));
            }
        }
        return ordered;
    }

    private static List<String> prerequisites(Rule achievement) {
        List<String> keys = new ArrayList<>();
        JsonNode trigger = achievement.canonical().path("trigger");
        if ("composite".equals(trigger.path("type").asText())) {
            trigger.path("prerequisites").forEach(key -> keys.add(key.asText()));
        }
        return keys;
    }

    // ---- locations ----

    /** The line of every member and array item of the text, by JSON Pointer (the first token wins). */
    private static Map<String, Integer> lines(YAMLFactory factory, String text) {
        Map<String, Integer> lines = new HashMap<>();
        try (JsonParser parser = factory.createParser(text)) {
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                if (token != JsonToken.END_OBJECT && token != JsonToken.END_ARRAY) {
                    lines.putIfAbsent(parser.getParsingContext().pathAsPointer().toString(),
                            parser.currentTokenLocation().getLineNr());
                }
            }
        } catch (IOException e) {
            // already read once; without lines the messages name keys only
        }
        return lines;
    }

    /** The line of the pointer or of its nearest written parent; 0 when none is known. */
    private int line(String pointer) {
        String candidate = pointer;
        while (true) {
            Integer line = lines.get(candidate);
            if (line != null && line > 0) {
                return line;
            }
            if (candidate.isEmpty()) {
                return 0;
            }
            candidate = candidate.substring(0, candidate.lastIndexOf('/'));
        }
    }

    private static String pointer(String section, String key) {
        return "/" + section + "/" + escape(key);
    }

    /** A field as the server names it ({@code levels[1].threshold}) as a JSON Pointer ({@code /levels/1/threshold}). */
    static String fieldPointer(String field) {
        StringBuilder pointer = new StringBuilder();
        for (String segment : field.replaceAll("\\[(\\d+)]", ".$1").split("\\.")) {
            if (!segment.isEmpty()) {
                pointer.append('/').append(escape(segment));
            }
        }
        return pointer.toString();
    }

    /** A JSON Pointer into a rule ({@code /levels/1/threshold}) as the server names the field ({@code levels[1].threshold}). */
    static String fieldOf(String pointer) {
        StringBuilder field = new StringBuilder();
        for (String segment : pointer.split("/")) {
            if (segment.isEmpty()) {
                continue;
            }
            String name = segment.replace("~1", "/").replace("~0", "~");
            if (name.chars().allMatch(Character::isDigit)) {
                field.append('[').append(name).append(']');
            } else {
                field.append(field.isEmpty() ? "" : ".").append(name);
            }
        }
        return field.toString();
    }

    private static String escape(String segment) {
        return segment.replace("~", "~0").replace("/", "~1");
    }

    private static Problem syntaxError(JsonProcessingException e) {
        String message = e.getOriginalMessage() == null ? e.getClass().getSimpleName() : e.getOriginalMessage();
        int line = e.getLocation() == null ? -1 : e.getLocation().getLineNr();
        int column = e.getLocation() == null ? -1 : e.getLocation().getColumnNr();
        Matcher mark = YAML_MARK.matcher(message);
        while (mark.find()) {
            line = Integer.parseInt(mark.group(1));
            column = Integer.parseInt(mark.group(2));
        }
        // SnakeYAML's messages interleave the problem with quoted context lines: keep the problem.
        List<String> problem = new ArrayList<>();
        for (String part : message.split("\n")) {
            if (!part.isBlank() && !Character.isWhitespace(part.charAt(0))) {
                problem.add(part.strip());
            }
        }
        return Problem.ofFile(Math.max(line, 0), line > 0 ? Math.max(column, 0) : 0,
                "not valid YAML: " + String.join(", ", problem));
    }

    // ---- names ----

    /** The top-level member of a kind: its collection in the API path. */
    static String section(StandardKind kind) {
        return kind.collection();
    }

    /** The kind as messages name it: metric, points system, achievement. */
    static String noun(StandardKind kind) {
        return kind.noun();
    }

    private static boolean isEmptyText(JsonNode node) {
        return node.isTextual() && node.textValue().isBlank();
    }

    private static Map<String, StandardKind> sections() {
        Map<String, StandardKind> sections = new LinkedHashMap<>();
        for (StandardKind kind : StandardKind.values()) {
            sections.put(section(kind), kind);
        }
        return Collections.unmodifiableMap(sections);
    }
}
