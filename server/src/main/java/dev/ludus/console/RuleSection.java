package dev.ludus.console;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ludus.http.ApiException;
import dev.ludus.http.Json;
import dev.ludus.http.JsonBody;
import dev.ludus.rules.RuleCodec;
import dev.ludus.rules.RuleKind;
import dev.ludus.rules.RuleService;
import dev.ludus.rules.StoredRule;
import dev.ludus.tenancy.Application;
import io.helidon.webserver.http.ServerRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the rule pages share: the registered kinds (found by the collection in the path, as in the
 * API's {@code /v1/<collection>}), their forms, their addresses in the console, the keys that a form
 * suggests, form text made into the body the rules service reads, and the service's refusals placed
 * next to the form's fields. Stateless.
 */
public final class RuleSection {

    private final RuleService rules;
    private final Json json;

    public RuleSection(RuleService rules, Json json) {
        this.rules = rules;
        this.json = json;
    }

    RuleService rules() {
        return rules;
    }

    /** Every registered kind, in registration order. */
    List<RuleKind<?>> kinds() {
        return rules.registeredKinds();
    }

    /** The kind whose collection the path parameter {@code kind} names; 404 when none has it. */
    RuleKind<?> kind(ServerRequest request) {
        String collection = request.path().pathParameters().get("kind");
        return kinds().stream().filter(kind -> kind.collection().equals(collection)).findFirst()
                .orElseThrow(() -> ApiException.notFound("there is no kind of rule called '" + collection + "'"));
    }

    /** The key in the path; 400 when it is no key. */
    static String key(ServerRequest request) {
        return RuleCodec.key(request.path().pathParameters().get("key"));
    }

    /** Where the kind's rules of the application are listed: {@code /console/apps/app_1/rules/metrics}. */
    static String base(Application application, RuleKind<?> kind) {
        return "/console/apps/" + application.id() + "/rules/" + kind.collection();
    }

    /** The kind as a heading names one rule: {@code Points system}. */
    static String noun(RuleKind<?> kind) {
        String noun = kind.noun();
        return noun.substring(0, 1).toUpperCase(Locale.ROOT) + noun.substring(1);
    }

    /** The active keys of each kind (by kind name), in key order: what reference inputs suggest. */
    Map<String, List<String>> suggestions(String applicationId) {
        Map<String, List<String>> keys = new TreeMap<>();
        for (StoredRule<?> rule : rules.active(applicationId).stored()) {
            keys.computeIfAbsent(rule.kind().name(), name -> new ArrayList<>()).add(rule.key());
        }
        return keys;
    }

    /** A definition made from a form, read and checked as the API reads a request body. */
    JsonBody body(ObjectNode definition) {
        return json.body(json.write(definition));
    }

    /**
     * True for a refusal that a form answers by showing its words next to a field: the rule or the
     * change is not acceptable (400, 409). Other refusals (503, 404) are pages of their own.
     */
    static boolean aboutTheForm(ApiException refusal) {
        return refusal.status() == 400 || refusal.status() == 409;
    }

    /** A refusal of the rules service as errors of the form: its words next to the field it names. */
    static Map<String, String> errors(ApiException refusal, RuleForm form, Map<String, String> values) {
        Object member = refusal.members().get("field");
        String field = member instanceof String name ? form.fieldFor(dotted(name), values) : "";
        Map<String, String> errors = new LinkedHashMap<>();
        errors.put(field, refusal.detail());
        return errors;
    }

    /** A member named as a JSON Pointer ({@code /levels/2/threshold}) in the API's dotted form; other names as they are. */
    static String dotted(String member) {
        if (!member.startsWith("/")) {
            return member;
        }
        return member.substring(1).replace("/", ".").replace("~1", "/").replace("~0", "~");
    }
}
