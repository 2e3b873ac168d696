package dev.ludus.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ludus.config.LudusConfig;
import dev.ludus.rulesfile.ApplyPlan;
import dev.ludus.rulesfile.RuleDiff;
import dev.ludus.rulesfile.RulesFile;
import dev.ludus.rulesfile.RulesFileException;
import dev.ludus.rulesfile.StandardKind;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ludus apply rules.yaml}: loads an application's metrics, points systems and achievements
 * from a rules file into the running server through the rules API, and the settings the file holds
 * (its {@code application} member) through {@code PATCH /v1/application}. It reads the server's rules
 * (archived ones included), compares each rule of the file with the server's canonical view, and
 * PUTs only what is new, changed or archived, in an order in which every reference is already
 * active ({@link ApplyPlan}); {@code --prune} archives what the file does not hold, and
 * {@code --dry-run} prints the plan and changes nothing. The token and the API secret are never
 * printed. The format is in docs/rules-file.md.
 */
@Command(name = "apply", mixinStandardHelpOptions = true,
        description = {"Load an application's metrics, points systems and achievements from a rules file (YAML or JSON) "
                + "into the running server.",
                "Writes only what differs from the server, references first; a second run changes nothing. "
                        + "Format: docs/rules-file.md."})
final class ApplyCommand implements Callable<Integer> {

    /** The subject of the tokens that apply mints. */
    static final String SUBJECT = "ludus-apply";
    /** The lifetime of the tokens that apply mints: long enough for a run, short enough not to matter. */
    static final Duration TOKEN_LIFETIME = Duration.ofMinutes(10);

    private static final int PAGE = 100;

    @Parameters(index = "0", paramLabel = "FILE", description = "the rules file: metrics, points and achievements")
    Path file;

    @Mixin
    ServerOptions server;

    @Option(names = "--dry-run", description = "print what would change, change nothing")
    boolean dryRun;

    @Option(names = "--prune", description = "archive the rules on the server that are not in the file")
    boolean prune;

    @Spec
    CommandSpec spec;

    /** Made when the command runs (see InitCommand): not on every command line's start-up. */
    private HttpClient http;
    private String base;
    private String bearer;

    @Override
    public Integer call() throws Exception {
        http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        PrintWriter out = spec.commandLine().getOut();
        RulesFile rules = load(file);
        base = server.base(System.getenv());
        bearer = server.bearer(System.getenv(), SUBJECT, TOKEN_LIFETIME);

        Map<StandardKind, Map<String, ObjectNode>> server = new EnumMap<>(StandardKind.class);
        for (StandardKind kind : StandardKind.values()) {
            server.put(kind, list(kind));
        }
        ObjectNode settings = rules.settings().isPresent() ? application() : null;
        ApplyPlan plan;
        try {
            plan = ApplyPlan.build(rules, server, settings, prune);
        } catch (RulesFileException e) {
            throw new CliException(e.getMessage());
        }

        if (dryRun) {
            out.println("Dry run of " + rules.name() + " against " + base + ": nothing is changed.");
            plan.changes().forEach(change -> out.println(change.describe()));
            out.println("= " + plan.unchanged() + " unchanged");
            printNotInFile(out, plan);
            out.println(plan.changes().isEmpty() ? "Nothing to change."
                    : "Would make " + ApplyPlan.count(plan.changes().size()) + ": "
                            + ApplyPlan.summary(plan.changes(), false) + ".");
            out.flush();
            return 0;
        }
        if (plan.changes().isEmpty()) {
            out.println("Nothing to change: the " + rules.size() + " rules of " + rules.name() + " match " + base + ".");
            printNotInFile(out, plan);
            out.flush();
            return 0;
        }

        out.println("Applying " + rules.name() + " to " + base);
        List<ApplyPlan.Change> done = new ArrayList<>();
        for (ApplyPlan.Step step : plan.steps()) {
            String path = step.change().isSettings() ? "/v1/application"
                    : "/v1/" + step.change().kind().collection() + "/" + step.change().key();
            JsonNode answer;
            try {
                answer = step.change().isSettings() ? send("PATCH", path, step.body())
                        : step.archive() ? send("DELETE", path, null) : send("PUT", path, step.body());
            } catch (Refused | CliException | IOException e) {
                out.flush();
                String problem = e instanceof IOException ? "lost " + base + " during " + step.change().key() + " ("
                        + e.getMessage() + ")" : e.getMessage();
                throw new CliException(problem + "; " + (done.isEmpty() ? "nothing was changed"
                        : "applied " + done.size() + " of " + plan.changes().size() + " changes before it ("
                                + ApplyPlan.summary(done, true) + "): fix the problem and run apply again for the rest"));
            }
            out.println(step.label());
            if (step.completes()) {
                done.add(step.change());
            }
            if (step.canonical() != null && answer instanceof ObjectNode view) {
                List<RuleDiff.Difference> differences = RuleDiff.differences(view, step.canonical());
                if (!differences.isEmpty()) {
                    out.println("  warning: the server stored it differently from the file ("
                            + String.join(", ", differences.stream().map(RuleDiff.Difference::toString).toList())
                            + "): is the server another version of Ludus than this command?");
                }
            }
        }
        out.println("= " + plan.unchanged() + " unchanged");
        printNotInFile(out, plan);
        out.println("Applied " + ApplyPlan.count(done.size()) + ": " + ApplyPlan.summary(done, true) + ".");
        out.flush();
        return 0;
    }

    private static void printNotInFile(PrintWriter out, ApplyPlan plan) {
        List<String> others = plan.notInFile();
        if (!others.isEmpty()) {
            out.println("  (" + others.size() + (others.size() == 1 ? " rule" : " rules") + " on the server not in the file, "
                    + "kept: " + String.join(", ", others.size() <= 10 ? others : others.subList(0, 10))
                    + (others.size() > 10 ? ", ..." : "") + "; --prune would archive " + (others.size() == 1 ? "it)" : "them)"));
        }
    }

    /** Reads and checks a rules file; {@link CliException} listing every problem, each with its line. */
    static RulesFile load(Path path) {
        String text;
        try {
            text = Files.readString(path);
        } catch (NoSuchFileException e) {
            throw new CliException("no rules file at " + path);
        } catch (MalformedInputException e) {
            throw new CliException(path + " is not UTF-8 text");
        } catch (IOException e) {
            throw new CliException("cannot read " + path + ": " + e.getMessage());
        }
        try {
            return RulesFile.parse(path.toString(), text);
        } catch (RulesFileException e) {
            throw new CliException(e.getMessage());
        }
    }

    // ---- HTTP ----

    /** The application's view ({@code GET /v1/application}), to compare the file's settings with. */
    private ObjectNode application() throws IOException, InterruptedException {
        try {
            return send("GET", "/v1/application", null) instanceof ObjectNode view ? view
                    : RulesFile.JSON.createObjectNode();
        } catch (Refused refused) {
            throw new CliException(refused.getMessage() + "; nothing was changed");
        }
    }

    /** Every rule of a kind, archived ones included, by key. */
    private Map<String, ObjectNode> list(StandardKind kind) throws IOException, InterruptedException {
        Map<String, ObjectNode> rules = new LinkedHashMap<>();
        String cursor = null;
        do {
            String path = "/v1/" + kind.collection() + "?include_archived=true&limit=" + PAGE
                    + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8));
            JsonNode page;
            try {
                page = send("GET", path, null);
            } catch (Refused refused) {
                throw new CliException(refused.getMessage() + "; nothing was changed");
            }
            for (JsonNode item : page.path("items")) {
                if (item instanceof ObjectNode rule && item.hasNonNull("key")) {
                    rules.put(rule.path("key").asText(), rule);
                }
            }
            cursor = page.path("next_cursor").isTextual() ? page.path("next_cursor").asText() : null;
        } while (cursor != null);
        return rules;
    }

    /** Sends a request; the answer's JSON (null when it has no body), or {@link Refused} for any status but 2xx. */
    private JsonNode send(String method, String path, JsonNode body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + bearer)
                .header("Accept", "application/json");
        if (body != null) {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofByteArray(RulesFile.JSON.writeValueAsBytes(body)));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException e) {
            throw new CliException("no Ludus server answers at " + base + ": start it with './ludus serve' (or pass --url)");
        } catch (HttpTimeoutException e) {
            throw new CliException("the server at " + base + " did not answer " + method + " " + path + " in time");
        } catch (IllegalArgumentException e) {
            throw new CliException("not a usable server URL: " + base);
        }
        int status = response.statusCode();
        if (status / 100 != 2) {
            throw new Refused("apply", method, path, status, response.body());
        }
        if (response.body().isEmpty()) {
            return null;
        }
        try {
            return RulesFile.JSON.readTree(response.body());
        } catch (JsonProcessingException e) {
            throw new CliException("the server at " + base + " answered " + method + " " + path
                    + " with something that is not JSON: is it a Ludus server?");
        }
    }
}
