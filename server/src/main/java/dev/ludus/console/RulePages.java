package dev.ludus.console;

import dev.ludus.http.ApiException;
import dev.ludus.http.PageRequest;
import dev.ludus.rules.RuleCodec;
import dev.ludus.rules.RuleKind;
import dev.ludus.rules.RuleService;
import dev.ludus.rules.StoredRule;
import dev.ludus.tenancy.Application;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The rules of an application: every kind with its counts, a kind's active or archived rules, one
 * rule with its definition (and, for those who may change it, its form), archiving and restoring.
 * Restoring puts the archived definition again, as {@code PUT} does in the API (an achievement is
 * backfilled). Reading needs a role on the application; changing, {@link Console#changeable}.
 */
public final class RulePages {

    /** A kind on the overview: where its rules are, and how many are active and archived. */
    public record KindSummary(String collection, String title, String noun, int active, int archived) { }

    /** A rule in a list. */
    public record Row(String key, String name, String description, Instant updatedAt, Optional<Instant> archivedAt) {

        static Row of(StoredRule<?> rule) {
            var definition = rule.definition();
            return new Row(rule.key(), ConsoleText.shown(definition.path("name"), rule.key()),
                    ConsoleText.shown(definition.path("description"), ""),
                    rule.updatedAt(), rule.archivedAt());
        }
    }

    private final Console console;
    private final RuleSection section;

    public RulePages(Console console, RuleSection section) {
        this.console = console;
        this.section = section;
    }

    public void register(Pages routes) {
        routes.get("/console/apps/{app}/rules", this::overview);
        routes.get("/console/apps/{app}/rules/{kind}", this::list);
        routes.get("/console/apps/{app}/rules/{kind}/keys/{key}", this::rule);
        routes.post("/console/apps/{app}/rules/{kind}/keys/{key}/archive", this::archive);
        routes.post("/console/apps/{app}/rules/{kind}/keys/{key}/restore", this::restore);
    }

    private void overview(ServerRequest request, ServerResponse response) {
        Application application = console.viewable(request);
        Map<String, Integer> active = new HashMap<>();
        section.rules().active(application.id()).stored()
                .forEach(rule -> active.merge(rule.kind().name(), 1, Integer::sum));
        List<KindSummary> kinds = section.kinds().stream().map(kind -> new KindSummary(kind.collection(),
                RuleForms.of(kind).title(), RuleSection.noun(kind), active.getOrDefault(kind.name(), 0),
                archivedCount(application.id(), kind))).toList();
        console.views().render(response, "rules/overview.jte",
                Console.page(request, "Rules").in(application, "rules"), "kinds", kinds);
    }

    private <R> int archivedCount(String applicationId, RuleKind<R> kind) {
        int count = 0;
        Optional<String> after = Optional.empty();
        do {
            PageRequest.Page<StoredRule<R>> page = section.rules().list(applicationId, kind,
                    new PageRequest(PageRequest.MAX_LIMIT, after), true, StoredRule::archived);
            count += page.items().size();
            after = page.nextCursor() == null ? Optional.empty() : Optional.of(page.items().getLast().key());
        } while (after.isPresent());
        return count;
    }

    private void list(ServerRequest request, ServerResponse response) {
        Application application = console.viewable(request);
        RuleKind<?> kind = section.kind(request);
        boolean archived = request.query().first("archived").map("true"::equals).orElse(false);
        PageRequest.Page<Row> rows = rows(application.id(), kind, PageRequest.from(request), archived);
        Page page = Console.page(request, RuleForms.of(kind).title()).in(application, "rules");
        page = notice(request, kind).map(page::notice).orElse(page);
        console.views().render(response, "rules/list.jte", page, "base", RuleSection.base(application, kind),
                "title", RuleForms.of(kind).title(), "noun", RuleSection.noun(kind), "archived", archived,
                "rows", rows.items(), "next", Optional.ofNullable(rows.nextCursor()));
    }

    private <R> PageRequest.Page<Row> rows(String applicationId, RuleKind<R> kind, PageRequest request,
            boolean archived) {
        Predicate<StoredRule<R>> shown = archived ? StoredRule::archived : rule -> true;
        PageRequest.Page<StoredRule<R>> page = section.rules().list(applicationId, kind, request, archived, shown);
        return new PageRequest.Page<>(page.items().stream().map(Row::of).toList(), page.nextCursor());
    }

    private void rule(ServerRequest request, ServerResponse response) {
        Application application = console.viewable(request);
        RuleKind<?> kind = section.kind(request);
        StoredRule<?> rule = section.rules().get(application.id(), kind, RuleSection.key(request));
        Page page = Console.page(request, RuleSection.noun(kind) + " " + rule.key()).in(application, "rules");
        page = notice(request, kind).map(page::notice).orElse(page);
        show(response, 200, page, application, kind, rule, "");
    }

    /** The page of one rule, with a refusal of archiving or restoring it when there is one. */
    private void show(ServerResponse response, int status, Page page, Application application, RuleKind<?> kind,
            StoredRule<?> rule, String problem) {
        RuleForm form = RuleForms.of(kind);
        Map<String, String> values = new HashMap<>(form.values(rule.definition()));
        values.put("key", rule.key());
        RuleEditor editor = new RuleEditor(RuleSection.base(application, kind), RuleSection.noun(kind), form, values,
                Map.of(), true, page.canChange() ? section.suggestions(application.id()) : Map.of());
        console.views().render(response, status, "rules/rule.jte", page, "rule", Row.of(rule),
                "definition", RuleForm.yaml(rule.definition()), "editor", editor, "problem", problem);
    }

    private void archive(ServerRequest request, ServerResponse response) {
        Application application = console.changeable(request);
        RuleKind<?> kind = section.kind(request);
        String key = RuleSection.key(request);
        try {
            section.rules().archive(Console.actor(request), application.id(), kind, key);
        } catch (ApiException refusal) {
            refused(request, response, application, kind, key, refusal);
            return;
        }
        Console.redirect(response, RuleSection.base(application, kind) + "?done=archived&key=" + key);
    }

    private void restore(ServerRequest request, ServerResponse response) {
        Application application = console.changeable(request);
        RuleKind<?> kind = section.kind(request);
        String key = RuleSection.key(request);
        StoredRule<?> rule = section.rules().get(application.id(), kind, key);
        String done = "";
        if (rule.archived()) {
            try {
                RuleService.Answer<?> answer = section.rules().putWithHooks(Console.actor(request), application.id(),
                        kind, key, section.body(rule.definition()));
                done = "?done=" + answer.put().result().value() + backfilled(answer);
            } catch (ApiException refusal) {
                refused(request, response, application, kind, key, refusal);
                return;
            }
        }
        Console.redirect(response, RuleSection.base(application, kind) + "/keys/" + key + done);
    }

    private void refused(ServerRequest request, ServerResponse response, Application application, RuleKind<?> kind,
            String key, ApiException refusal) {
        if (!RuleSection.aboutTheForm(refusal)) {
            throw refusal;
        }
        StoredRule<?> rule = section.rules().get(application.id(), kind, key);
        show(response, refusal.status() == 400 ? 422 : refusal.status(),
                Console.page(request, RuleSection.noun(kind) + " " + key).in(application, "rules"), application, kind,
                rule, refusal.detail());
    }

    /** {@code &backfilled=3} when the answer says how many users a backfill reached; empty otherwise. */
    static String backfilled(RuleService.Answer<?> answer) {
        var users = answer.view().path("backfilled_users");
        return users.canConvertToInt() ? "&backfilled=" + users.intValue() : "";
    }

    /**
     * The confirmation of what the last change did, from the address it redirected to
     * ({@code ?done=created&backfilled=3}, the key from the path or {@code &key=}); made of known words
     * and checked values only.
     */
    static Optional<String> notice(ServerRequest request, RuleKind<?> kind) {
        Optional<String> done = request.query().first("done").asOptional()
                .filter(value -> List.of("created", "restored", "changed", "unchanged", "archived").contains(value));
        Optional<String> key = request.path().pathParameters().first("key").asOptional()
                .or(() -> request.query().first("key").asOptional())
                .filter(value -> RuleCodec.KEY.matcher(value).matches());
        if (done.isEmpty() || key.isEmpty()) {
            return Optional.empty();
        }
        String sentence = RuleSection.noun(kind) + " '" + key.get() + "' " + switch (done.get()) {
            case "unchanged" -> "was already so: nothing changed.";
            default -> done.get() + ".";
        };
        Optional<Integer> users = request.query().first("backfilled").asOptional().flatMap(RulePages::count);
        return Optional.of(users.map(count -> sentence + " Backfilled: " + count + (count == 1 ? " user" : " users")
                + " already qualified.").orElse(sentence));
    }

    private static Optional<Integer> count(String text) {
        try {
            return Optional.of(Integer.parseInt(text)).filter(value -> value >= 0);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
