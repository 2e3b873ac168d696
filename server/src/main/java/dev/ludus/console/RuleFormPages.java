package dev.ludus.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ludus.http.ApiException;
import dev.ludus.http.JsonBody;
import dev.ludus.rules.RuleCodec;
import dev.ludus.rules.RuleKind;
import dev.ludus.rules.RuleService;
import dev.ludus.tenancy.Application;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * Creating and changing a rule through its kind's form, preview first: the form posts to
 * {@code preview}, which shows what the {@code PUT} would do (the dry run of the rules service: created,
 * changed, restored or unchanged, the members that change, how many users a backfill would reach) and
 * writes nothing; from there {@code save} makes the change and {@code edit} goes back to the form with
 * what was typed. A refusal of the rules service shows the form again (422) with its words next to the
 * field it names. Every route needs {@link Console#changeable}.
 */
public final class RuleFormPages {

    /** What saving would do, as the preview page shows it. */
    public record Preview(String key, String result, List<Change> changes, Optional<Integer> backfilled,
            String definition) { }

    /** A member of the definition that saving would change, before and after, as text. */
    public record Change(String member, String before, String after) { }

    private final Console console;
    private final RuleSection section;

    public RuleFormPages(Console console, RuleSection section) {
        this.console = console;
        this.section = section;
    }

    public void register(Pages routes) {
        routes.get("/console/apps/{app}/rules/{kind}/new", this::create);
        routes.post("/console/apps/{app}/rules/{kind}/preview", this::preview);
        routes.post("/console/apps/{app}/rules/{kind}/save", this::save);
        routes.post("/console/apps/{app}/rules/{kind}/edit", this::edit);
    }

    private void create(ServerRequest request, ServerResponse response) {
        Application application = console.changeable(request);
        RuleKind<?> kind = section.kind(request);
        showForm(request, response, 200, editor(application, kind, Map.of(), Map.of()));
    }

    private void edit(ServerRequest request, ServerResponse response) {
        Application application = console.changeable(request);
        RuleKind<?> kind = section.kind(request);
        showForm(request, response, 200, editor(application, kind, Form.of(request).values(), Map.of()));
    }

    private void preview(ServerRequest request, ServerResponse response) {
        Application application = console.changeable(request);
        RuleKind<?> kind = section.kind(request);
        RuleEditor editor = editor(application, kind, Form.of(request).values(), Map.of());
        submit(request, response, editor, (key, body) -> section.rules().previewWithHooks(application.id(), kind, key,
                body)).ifPresent(answer -> console.views().render(response, "rules/preview.jte",
                        Console.page(request, "Preview: " + editor.noun() + " " + answer.put().rule().key())
                                .in(application, "rules"), "editor", editor, "preview", preview(answer)));
    }

    private void save(ServerRequest request, ServerResponse response) {
        Application application = console.changeable(request);
        RuleKind<?> kind = section.kind(request);
        RuleEditor editor = editor(application, kind, Form.of(request).values(), Map.of());
        submit(request, response, editor, (key, body) -> section.rules().putWithHooks(Console.actor(request),
                application.id(), kind, key, body)).ifPresent(answer -> Console.redirect(response, editor.base()
                        + "/keys/" + answer.put().rule().key() + "?done=" + answer.put().result().value()
                        + RulePages.backfilled(answer)));
    }

    /**
     * The form's key and definition given to {@code write} (a dry run or a put), and its answer; empty,
     * with the form shown again (422) and the errors next to their fields, when the form cannot be read
     * or the rules service refuses it.
     */
    private Optional<RuleService.Answer<?>> submit(ServerRequest request, ServerResponse response, RuleEditor editor,
            BiFunction<String, JsonBody, RuleService.Answer<?>> write) {
        RuleForm.Body body = editor.form().body(editor.values());
        Map<String, String> errors = new LinkedHashMap<>();
        String key = "";
        try {
            key = RuleCodec.key(editor.value("key").strip());
        } catch (ApiException refusal) {
            errors.put("key", refusal.detail());
        }
        errors.putAll(body.errors());
        if (!errors.isEmpty()) {
            showForm(request, response, 422, editor.withErrors(errors));
            return Optional.empty();
        }
        try {
            return Optional.of(write.apply(key, section.body(body.body())));
        } catch (ApiException refusal) {
            if (!RuleSection.aboutTheForm(refusal)) {
                throw refusal;
            }
            showForm(request, response, 422,
                    editor.withErrors(RuleSection.errors(refusal, editor.form(), editor.values())));
            return Optional.empty();
        }
    }

    private RuleEditor editor(Application application, RuleKind<?> kind, Map<String, String> values,
            Map<String, String> errors) {
        return new RuleEditor(RuleSection.base(application, kind), RuleSection.noun(kind), RuleForms.of(kind), values,
                errors, "true".equals(values.get("existing")), section.suggestions(application.id()));
    }

    private void showForm(ServerRequest request, ServerResponse response, int status, RuleEditor editor) {
        Application application = console.viewable(request);
        String title = editor.existing() ? editor.noun() + " " + editor.value("key")
                : "New " + editor.noun().toLowerCase(java.util.Locale.ROOT);
        console.views().render(response, status, "rules/edit.jte",
                Console.page(request, title).in(application, "rules"), "editor", editor);
    }

    private static Preview preview(RuleService.Answer<?> answer) {
        RuleService.Put<?> put = answer.put();
        ObjectNode after = put.rule().definition();
        List<Change> changes = new ArrayList<>();
        for (String member : put.changedMembers()) {
            Change change = new Change(member, shown(put.before().map(before -> before.get(member))),
                    shown(Optional.ofNullable(after.get(member))));
            if (!change.before().equals(change.after())) {
                changes.add(change);
            }
        }
        JsonNode users = answer.view().path("backfilled_users");
        return new Preview(put.rule().key(), put.result().value(), changes,
                users.canConvertToInt() ? Optional.of(users.intValue()) : Optional.empty(), RuleForm.yaml(after));
    }

    /** A member's value as the preview shows it: text as it is, numbers plain, lists and objects as YAML. */
    private static String shown(Optional<JsonNode> value) {
        if (value.isEmpty() || value.get().isNull() || value.get().isMissingNode()) {
            return "(none)";
        }
        JsonNode node = value.get();
        if (node.isContainerNode()) {
            return node.isEmpty() ? "(none)" : RuleForm.yaml(node).strip();
        }
        return node.isNumber() ? node.decimalValue().stripTrailingZeros().toPlainString() : node.asText();
    }
}
