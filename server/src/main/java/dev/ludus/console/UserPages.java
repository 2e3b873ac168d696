package dev.ludus.console;

import dev.ludus.engine.Achievement;
import dev.ludus.engine.PointsSystem;
import dev.ludus.engine.Rules;
import dev.ludus.events.ProgressService;
import dev.ludus.http.ApiException;
import dev.ludus.http.PageRequest;
import dev.ludus.leaderboard.LeaderboardQueries;
import dev.ludus.profiles.User;
import dev.ludus.rules.RuleCodec;
import dev.ludus.rules.RuleService;
import dev.ludus.secrets.Secrets;
import dev.ludus.tenancy.Application;
import dev.ludus.users.UserList;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An application's users: the list, searched and sorted through the same {@link UserList} as
 * {@code GET /v1/users}, and a user's page (profile, progress, histories, ranks) read through the
 * same services as the {@code /v1/users/{id}/...} and leaderboard routes. The changes made from a
 * user's page are {@link UserActions}.
 */
public final class UserPages {

    /** How many entries of each points and streak history a user's page shows. */
    static final int RECENT = 10;
    /** How many entries a page of a full history shows. */
    static final int HISTORY_PAGE = 50;
    /** Confirmations of {@link UserActions}, by the {@code done} parameter of the page they go back to. */
    private static final Map<String, String> DONE = Map.of(
            "adjusted", "Points adjusted.",
            "completed", "Achievement completed.",
            "frozen", "Streak freezes granted.",
            "unflagged", "The flag is cleared.",
            "deleted", "The user and everything about them was deleted.");
    private static final List<String> SEARCH = List.of("id_prefix", "q", "attribute", "sort");

    private final Console console;
    private final UserList list;
    private final ProgressService progress;
    private final LeaderboardQueries leaderboards;
    private final RuleService rules;
    private final Secrets secrets;

    public UserPages(Console console, UserList list, ProgressService progress, LeaderboardQueries leaderboards,
            RuleService rules, Secrets secrets) {
        this.console = console;
        this.list = list;
        this.progress = progress;
        this.leaderboards = leaderboards;
        this.rules = rules;
        this.secrets = secrets;
    }

    public void register(Pages routes) {
        routes.get("/console/apps/{app}/users", this::list);
        routes.get("/console/apps/{app}/users/{user}", (req, res) -> {
            Application application = console.viewable(req);
            show(req, res, 200, application, userId(req), ActionForm.NONE);
        });
        routes.get("/console/apps/{app}/users/{user}/points/{system}", this::pointsHistory);
        routes.get("/console/apps/{app}/users/{user}/streaks/{streak}", this::streakHistory);
    }

    /** The path of a user's page. */
    public static String path(String applicationId, String userId) {
        return "/console/apps/" + applicationId + "/users/" + ConsoleText.segment(userId);
    }

    /**
     * The state of the action forms: which one failed ({@code adjust}, {@code complete}, {@code freezes},
     * {@code delete}; empty when none did), what it held, and the errors by field ({@code ""} for the form).
     */
    public record ActionForm(String failed, Map<String, String> values, Map<String, String> errors) {

        static final ActionForm NONE = new ActionForm("", Map.of(), Map.of());

        public ActionForm {
            values = Map.copyOf(values);
            errors = Map.copyOf(errors);
        }

        /** The values to show in form {@code name}: what was sent, if it is the one that failed. */
        public Map<String, String> valuesOf(String name) {
            return failed.equals(name) ? values : Map.of();
        }

        /** The errors to show in form {@code name}. */
        public Map<String, String> errorsOf(String name) {
            return failed.equals(name) ? errors : Map.of();
        }
    }

    /**
     * What a user's page shows.
     *
     * @param standings the user's place on each active leaderboard; empty with {@code standingsError}
     *     when the ranking index does not answer
     * @param pointsHistory the newest entries of each active points system's history
     * @param streakHistory the newest settled periods of each active streak
     * @param completable the active achievements completed through the API that the user lacks
     * @param systems the active points systems, key to name
     * @param idempotencyKey a fresh key for each change form, so that a form sent twice changes once
     */
    public record UserView(User user, ProgressService.Progress progress,
            Map<String, ProgressService.EventEffects> effects, List<LeaderboardQueries.BoardStanding> standings,
            String standingsError, Map<String, PageRequest.Page<ProgressService.HistoryEntry>> pointsHistory,
            Map<String, PageRequest.Page<ProgressService.StreakPeriodView>> streakHistory,
            Map<String, String> completable, Map<String, String> systems, String idempotencyKey) { }

    private void list(ServerRequest request, ServerResponse response) {
        Application application = console.viewable(request);
        Map<String, String> values = new LinkedHashMap<>();
        SEARCH.forEach(name -> request.query().first(name).map(String::strip).filter(value -> !value.isEmpty())
                .ifPresent(value -> values.put(name, value)));
        Map<String, String> errors = new LinkedHashMap<>();
        PageRequest.Page<UserList.Item> found = new PageRequest.Page<>(List.of(), null);
        try {
            found = list.page(application.id(), new UserList.Query(Optional.ofNullable(values.get("id_prefix")),
                    Optional.ofNullable(values.get("q")), Optional.ofNullable(values.get("attribute")),
                    Optional.ofNullable(values.get("sort"))), PageRequest.from(request));
        } catch (ApiException e) {
            if (e.status() != 400) {
                throw e;
            }
            errors.put(field(e, SEARCH), e.detail());
        }
        String next = "";
        if (found.nextCursor() != null) {
            Map<String, String> query = new LinkedHashMap<>(values);
            request.query().first("limit").ifPresent(limit -> query.put("limit", limit));
            query.put("cursor", found.nextCursor());
            next = ConsoleText.link("/console/apps/" + application.id() + "/users", query);
        }
        Map<String, String> systems = new TreeMap<>();
        rules.rules(application.id()).pointsSystems().values().forEach(system -> systems.put(system.key(),
                system.name().in(application.language())));
        Page page = done(request, Console.page(request, "Users").in(application, "users"));
        console.views().render(response, errors.isEmpty() ? 200 : 422, "users/list.jte", page,
                "application", application, "values", values, "errors", errors, "systems", systems,
                "users", found.items(), "next", next);
    }

    /**
     * Renders a user's page with {@code status}; {@code form} says which action form failed and why.
     * 404 when there is no such user.
     */
    void show(ServerRequest request, ServerResponse response, int status, Application application, String userId,
            ActionForm form) {
        User user = progress.user(application.id(), userId);
        ProgressService.Progress standing = progress.progress(application.id(), userId, true, Optional.empty());
        List<LeaderboardQueries.BoardStanding> standings = List.of();
        String standingsError = "";
        try {
            standings = leaderboards.standings(application.id(), userId);
        } catch (ApiException e) {
            if (e.status() != 503) {
                throw e;
            }
            standingsError = e.detail();
        }
        PageRequest recent = new PageRequest(RECENT, Optional.empty());
        Map<String, PageRequest.Page<ProgressService.HistoryEntry>> points = new LinkedHashMap<>();
        standing.points().forEach(system -> points.put(system.system(),
                progress.history(application.id(), userId, system.system(), recent)));
        Map<String, PageRequest.Page<ProgressService.StreakPeriodView>> periods = new LinkedHashMap<>();
        standing.streaks().forEach(streak -> periods.put(streak.key(),
                progress.streakHistory(application.id(), userId, streak.key(), recent)));
        Rules current = rules.rules(application.id());
        Map<String, String> completable = new TreeMap<>();
        current.achievements().values().stream()
                .filter(achievement -> achievement.criterion() instanceof Achievement.Criterion.ApiCall)
                .filter(achievement -> standing.achievements().stream()
                        .noneMatch(held -> held.key().equals(achievement.key()) && held.unlocked()))
                .forEach(achievement -> completable.put(achievement.key(), achievement.name().in(application.language())));
        Map<String, String> systems = new TreeMap<>();
        current.pointsSystems().values().forEach((PointsSystem system) -> systems.put(system.key(),
                system.name().in(application.language())));
        UserView view = new UserView(user, standing, progress.effects(application.id(), standing), standings,
                standingsError, points, periods, completable, systems, secrets.id("console_"));
        Page page = done(request, Console.page(request, user.name() == null ? userId : user.name())
                .in(application, "users"));
        console.views().render(response, status, "users/user.jte", page, "application", application, "view", view,
                "form", form);
    }

    private void pointsHistory(ServerRequest request, ServerResponse response) {
        Application application = console.viewable(request);
        User user = progress.user(application.id(), userId(request));
        String system = RuleCodec.key(request.path().pathParameters().get("system"));
        PageRequest.Page<ProgressService.HistoryEntry> entries = progress.history(application.id(), user.id(), system,
                new PageRequest(HISTORY_PAGE, PageRequest.from(request).after()));
        String next = entries.nextCursor() == null ? "" : ConsoleText.link(request.path().rawPath(),
                Map.of("cursor", entries.nextCursor()));
        console.views().render(response, "users/points-history.jte",
                Console.page(request, "Points history").in(application, "users"), "application", application,
                "user", user, "system", system, "entries", entries.items(), "next", next);
    }

    private void streakHistory(ServerRequest request, ServerResponse response) {
        Application application = console.viewable(request);
        User user = progress.user(application.id(), userId(request));
        String streak = RuleCodec.key(request.path().pathParameters().get("streak"));
        PageRequest.Page<ProgressService.StreakPeriodView> periods = progress.streakHistory(application.id(), user.id(),
                streak, new PageRequest(HISTORY_PAGE, PageRequest.from(request).after()));
        String next = periods.nextCursor() == null ? "" : ConsoleText.link(request.path().rawPath(),
                Map.of("cursor", periods.nextCursor()));
        console.views().render(response, "users/streak-history.jte",
                Console.page(request, "Streak history").in(application, "users"), "application", application,
                "user", user, "streak", streak, "periods", periods.items(), "next", next);
    }

    /** The user id of the path. */
    static String userId(ServerRequest request) {
        return request.path().pathParameters().get("user");
    }

    /** The confirmation that an action sent back with {@code ?done=}. */
    private static Page done(ServerRequest request, Page page) {
        return request.query().first("done").map(DONE::get).map(page::notice).orElse(page);
    }

    /** The form field a 400 names, when it is one of {@code fields}; {@code ""} (the form) otherwise. */
    static String field(ApiException refusal, List<String> fields) {
        return refusal.members().get("field") instanceof String name && fields.contains(name) ? name : "";
    }
}
