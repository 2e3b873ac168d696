package dev.ludus.console;

import dev.ludus.http.ApiException;
import dev.ludus.rulesfile.ApplyPlan;
import dev.ludus.rulesfile.Problem;
import dev.ludus.rulesfile.RulesApplyException;
import dev.ludus.rulesfile.RulesDocument;
import dev.ludus.rulesfile.RulesFileException;
import dev.ludus.tenancy.Application;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * An application's rules as one file, the YAML of {@code ludus apply} (docs/rules-file.md): download
 * it; upload or paste one and see what loading it would change (nothing is written); apply it. The
 * reading, the comparison and the writes are {@link RulesDocument}'s, the same as the command line's,
 * each change made as one rules API request by the signed-in user. Downloading needs a role on the
 * application; seeing a difference and applying, {@link Console#changeable}.
 */
public final class RulesFilePages {

    /**
     * What the page shows besides the file's form.
     *
     * @param text the file as typed or uploaded, kept in the form
     * @param prune whether active rules the file does not hold are to be archived
     * @param plan what loading the file would change, once asked
     * @param applied what loading it changed, once applied
     * @param problems why the file cannot be loaded, each with its line; nothing was changed
     * @param refusal why applying stopped part way, with {@code before} the changes made before it
     */
    public record FileView(String text, boolean prune, Optional<RulesDocument.Plan> plan,
            Optional<RulesDocument.Applied> applied, List<Problem> problems, String refusal,
            List<ApplyPlan.Change> before) {

        static FileView form(String text, boolean prune) {
            return new FileView(text, prune, Optional.empty(), Optional.empty(), List.of(), "", List.of());
        }

        FileView plan(RulesDocument.Plan plan) {
            return new FileView(text, prune, Optional.of(plan), applied, problems, refusal, before);
        }

        FileView applied(RulesDocument.Applied applied) {
            return new FileView(text, prune, plan, Optional.of(applied), problems, refusal, before);
        }

        FileView problems(List<Problem> problems) {
            return new FileView(text, prune, plan, applied, problems, refusal, before);
        }

        FileView refused(String refusal, List<ApplyPlan.Change> before) {
            return new FileView(text, prune, plan, applied, problems, refusal, before);
        }
    }

    private final Console console;
    private final RulesDocument document;

    public RulesFilePages(Console console, RulesDocument document) {
        this.console = console;
        this.document = document;
    }

    public void register(Pages routes) {
        routes.get("/console/apps/{app}/rules-file", this::page);
        routes.get("/console/apps/{app}/rules-file/download", this::download);
        routes.post("/console/apps/{app}/rules-file/plan", this::plan);
        routes.post("/console/apps/{app}/rules-file/apply", this::apply);
    }

    private void page(ServerRequest request, ServerResponse response) {
        Application application = console.viewable(request);
        show(request, response, 200, application, FileView.form("", false));
    }

    private void download(ServerRequest request, ServerResponse response) {
        Application application = console.viewable(request);
        byte[] file = document.export(application.id()).getBytes(StandardCharsets.UTF_8);
        response.header(HeaderNames.CONTENT_TYPE, "application/yaml; charset=utf-8");
        response.header(HeaderNames.CONTENT_DISPOSITION, "attachment; filename=\"" + RulesDocument.FILE_NAME + "\"");
        response.header(HeaderNames.CACHE_CONTROL, "no-store");
        response.send(file);
    }

    private void plan(ServerRequest request, ServerResponse response) {
        Application application = console.changeable(request);
        FileView view = submitted(request);
        try {
            show(request, response, 200, application, view.plan(document.plan(application.id(), view.text(), view.prune())));
        } catch (ApiException refusal) {
            refused(request, response, application, view, refusal);
        }
    }

    private void apply(ServerRequest request, ServerResponse response) {
        Application application = console.changeable(request);
        FileView view = submitted(request);
        try {
            show(request, response, 200, application,
                    view.applied(document.apply(Console.actor(request), application.id(), view.text(), view.prune())));
        } catch (RulesApplyException refusal) {
            show(request, response, refusal.status() == 400 ? 422 : refusal.status(), application,
                    view.refused(refusal.detail(), refusal.applied()));
        } catch (ApiException refusal) {
            refused(request, response, application, view, refusal);
        }
    }

    /** The file and the choice to prune, as posted; the file's text exactly as sent. */
    private static FileView submitted(ServerRequest request) {
        Form form = Form.of(request);
        return FileView.form(form.raw("text").orElse(""), form.checked("prune"));
    }

    /** A file that cannot be loaded (422, its problems listed); another refusal of the rules as the form's error. */
    private void refused(ServerRequest request, ServerResponse response, Application application, FileView view,
            ApiException refusal) {
        if (refusal instanceof RulesFileException problems) {
            show(request, response, 422, application, view.problems(problems.problems()));
        } else if (RuleSection.aboutTheForm(refusal)) {
            show(request, response, refusal.status() == 400 ? 422 : refusal.status(), application,
                    view.refused(refusal.detail(), List.of()));
        } else {
            throw refusal;
        }
    }

    private void show(ServerRequest request, ServerResponse response, int status, Application application,
            FileView view) {
        console.views().render(response, status, "rules/file.jte",
                Console.page(request, "Rules file").in(application, "rules-file"), "file", view,
                "name", RulesDocument.FILE_NAME);
    }
}
