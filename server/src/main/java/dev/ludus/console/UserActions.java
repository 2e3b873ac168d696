package dev.ludus.console;

import dev.ludus.events.EventService;
import dev.ludus.events.ProgressService;
import dev.ludus.http.ApiException;
import dev.ludus.http.ProblemHandler;
import dev.ludus.tenancy.Application;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The changes made by hand from a user's page, for admins of the application: adjusting points,
 * completing an achievement whose criterion is the API, granting streak freezes, deleting the user.
 * Each is the same call of {@link EventService} as the API's route, so it is validated and audited
 * the same way (with the console's actor). A refusal shows the user's page again (422) with the
 * error next to the field; success goes back to the page with a confirmation.
 *
 * <p>Each form carries an idempotency key made when the page was shown: a form sent twice (a double
 * click, a retry after a lost answer) changes once.
 */
public final class UserActions {

    /** The idempotency keys of the console's forms; anything else sent is ignored. */
    private static final Pattern KEY = Pattern.compile("console_[A-Za-z0-9_-]{8,64}");

    private final Console console;
    private final UserPages pages;
    private final EventService events;
    private final ProgressService progress;

    public UserActions(Console console, UserPages pages, EventService events, ProgressService progress) {
        this.console = console;
        this.pages = pages;
        this.events = events;
        this.progress = progress;
    }

    public void register(Pages routes) {
        String user = "/console/apps/{app}/users/{user}";
        routes.post(user + "/points", this::adjust);
        routes.post(user + "/achievements", this::complete);
        routes.post(user + "/freezes", this::grantFreezes);
        routes.post(user + "/delete", this::delete);
        routes.post(user + "/flag/clear", this::clearFlag);
    }

    private void clearFlag(ServerRequest request, ServerResponse response) {
        Target target = target(request);
        target.change(response, "flag", List.of(), "", "unflagged", () -> events.clearFlag(Console.actor(request),
                target.application().id(), target.userId()));
    }

    private void adjust(ServerRequest request, ServerResponse response) {
        Target target = target(request);
        Form form = Form.of(request);
        String amount = form.text("amount");
        if (!amount.matches("[+-]?[0-9]{1,19}")) {
            target.refuse(response, "adjust", Map.of("amount", amount.isEmpty()
                    ? "Give an amount: a whole number, positive to grant, negative to spend."
                    : "The amount must be a whole number, such as 50 or -20."));
            return;
        }
        long parsed;
        try {
            parsed = Long.parseLong(amount);
        } catch (NumberFormatException e) {
            parsed = Long.MAX_VALUE;
        }
        long points = parsed;
        target.change(response, "adjust", List.of("system", "amount", "reason"), "amount", "adjusted",
                () -> events.adjust(Console.actor(request), target.application().id(), target.userId(),
                        form.text("system"), points, form.text("reason"), key(form), Optional.empty()));
    }

    private void complete(ServerRequest request, ServerResponse response) {
        Target target = target(request);
        Form form = Form.of(request);
        if (form.get("achievement").isEmpty()) {
            target.refuse(response, "complete", Map.of("achievement", "Choose the achievement to complete."));
            return;
        }
        target.change(response, "complete", List.of("achievement"), "achievement", "completed",
                () -> events.complete(Console.actor(request), target.application().id(), target.userId(),
                        form.text("achievement"), key(form), Optional.empty()));
    }

    private void grantFreezes(ServerRequest request, ServerResponse response) {
        Target target = target(request);
        Form form = Form.of(request);
        String count = form.get("count").orElse("1");
        if (!count.matches("[0-9]{1,9}")) {
            target.refuse(response, "freezes", Map.of("count", "The number of freezes must be a whole number."));
            return;
        }
        if (form.get("streak").isEmpty()) {
            target.refuse(response, "freezes", Map.of("streak", "Choose the streak."));
            return;
        }
        target.change(response, "freezes", List.of("streak", "count"), "streak", "frozen",
                () -> events.grantFreezes(Console.actor(request), target.application().id(), target.userId(),
                        form.text("streak"), Integer.parseInt(count), key(form)));
    }

    private void delete(ServerRequest request, ServerResponse response) {
        Target target = target(request);
        if (!Form.of(request).raw("confirm").orElse("").equals(target.userId())) {
            target.refuse(response, "delete", Map.of("confirm", "Type the user id exactly to confirm."));
            return;
        }
        events.deleteUser(Console.actor(request), target.application().id(), target.userId());
        Console.redirect(response, "/console/apps/" + target.application().id() + "/users?done=deleted");
    }

    /** The form's idempotency key, when it is one the console made. */
    private static Optional<String> key(Form form) {
        return form.get("idempotency_key").filter(value -> KEY.matcher(value).matches());
    }

    /**
     * The application (one the signed-in user may change: 403 otherwise) and the user of the path (404
     * when there is none: a change from the console never creates a user).
     */
    private Target target(ServerRequest request) {
        Application application = console.changeable(request);
        String userId = UserPages.userId(request);
        progress.user(application.id(), userId);
        return new Target(request, application, userId);
    }

    private final class Target {

        private final ServerRequest request;
        private final Application application;
        private final String userId;

        Target(ServerRequest request, Application application, String userId) {
            this.request = request;
            this.application = application;
            this.userId = userId;
        }

        Application application() {
            return application;
        }

        String userId() {
            return userId;
        }

        /**
         * Makes the change and goes back to the user's page with confirmation {@code done}. A refusal
         * shows next to a field: the one a 400 names (above the form when it names none of
         * {@code fields}), the first of {@code fields} for a 404 (no such rule), {@code ruleField} for a
         * refusal by the rules (409).
         */
        void change(ServerResponse response, String name, List<String> fields, String ruleField, String done,
                Supplier<?> call) {
            try {
                call.get();
            } catch (RuntimeException e) {
                ApiException refusal = ProblemHandler.problemOf(e).orElseThrow(() -> e);
                if (refusal.status() != 400 && refusal.status() != 404 && refusal.status() != 409) {
                    throw refusal;
                }
                String field = switch (refusal.status()) {
                    case 404 -> fields.getFirst();
                    case 409 -> refusal.members().containsKey("field") ? "" : ruleField;
                    default -> UserPages.field(refusal, fields);
                };
                refuse(response, name, Map.of(field, refusal.detail()));
                return;
            }
            Console.redirect(response, UserPages.path(application.id(), userId) + "?done=" + done);
        }

        /** Shows the user's page again, 422, with form {@code name} as sent and its errors. */
        void refuse(ServerResponse response, String name, Map<String, String> errors) {
            pages.show(request, response, 422, application, userId,
                    new UserPages.ActionForm(name, Form.of(request).values(), errors));
        }
    }
}
