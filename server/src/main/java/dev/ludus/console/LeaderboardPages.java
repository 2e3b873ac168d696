package dev.ludus.console;

import dev.ludus.http.ApiException;
import dev.ludus.http.PageRequest;
import dev.ludus.leaderboard.LeaderboardKind;
import dev.ludus.leaderboard.LeaderboardQueries;
import dev.ludus.leaderboard.LeaderboardRoutes;
import dev.ludus.leaderboard.LeaderboardRule;
import dev.ludus.engine.Period;
import dev.ludus.rules.RuleCodec;
import dev.ludus.rules.RuleService;
import dev.ludus.rules.StoredRule;
import dev.ludus.tenancy.Application;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An application's leaderboards ({@code /console/apps/{app}/leaderboards}): the boards, and a board's
 * page: the top of a period with paging, past periods (any day inside one), a user's neighbourhood,
 * the period's end in the board's timezone. The ranking of a running period refreshes itself: its
 * fragment ({@code .../ranking}, the same query) is fetched again by htmx every
 * {@value #REFRESH_SECONDS} seconds ({@code hx-trigger="every 5s"}) and swapped in place. Read through
 * the same {@link LeaderboardQueries} as {@code GET /v1/leaderboards/{key}}, with its cursors and its
 * refusals (shown next to their field). For anyone with a role on the application.
 */
public final class LeaderboardPages {

    /** How many lines a page of a ranking shows. */
    static final int PAGE = 25;
    /** How often the ranking of a running period refreshes itself in the browser. */
    public static final int REFRESH_SECONDS = 5;
    private static final List<String> QUERY = List.of("period", "around", "cursor");

    private final Console console;
    private final LeaderboardQueries queries;
    private final RuleService rules;
    private final Clock clock;

    public LeaderboardPages(Console console, LeaderboardQueries queries, RuleService rules, Clock clock) {
        this.console = console;
        this.queries = queries;
        this.rules = rules;
        this.clock = clock;
    }

    public void register(Pages routes) {
        routes.get("/console/apps/{app}/leaderboards", this::list);
        routes.get("/console/apps/{app}/leaderboards/{key}", this::board);
        routes.get("/console/apps/{app}/leaderboards/{key}/ranking", this::ranking);
    }

    /** The path of a board's page. */
    public static String path(String applicationId, String key) {
        return "/console/apps/" + applicationId + "/leaderboards/" + ConsoleText.segment(key);
    }

    /** A board of the list, with the period it is in now. */
    public record BoardLine(StoredRule<LeaderboardRule> stored, Period current) { }

    /**
     * A ranking as the page shows it.
     *
     * @param shown the page of the period; empty with {@code unavailable} when the index does not answer
     * @param highlight the user whose neighbourhood is shown, or {@code ""}
     * @param nextPage the link to the next page of the top, or {@code ""}
     * @param live the fragment's link while the period runs (fetched again every few seconds), or {@code ""}
     */
    public record Ranking(Optional<LeaderboardQueries.Page> shown, String highlight, String nextPage, String live,
            String unavailable, Instant readAt) { }

    /**
     * What a board's page shows besides the ranking: the query as typed, the refusals by field, and
     * links to the periods before and after the one shown ({@code ""} when there is none).
     */
    public record BoardView(LeaderboardRule board, Map<String, String> values, Map<String, String> errors,
            String previous, String next, String current, Ranking ranking) { }

    /** How a board ranks its users, in words: {@code the metric steps}. */
    public static String rankBy(LeaderboardRule board) {
        return switch (board.rankBy()) {
            case LeaderboardRule.RankBy.Metric metric -> "the metric " + metric.target();
            case LeaderboardRule.RankBy.Points points -> "the points of " + points.target();
            case LeaderboardRule.RankBy.Streak streak -> "the current length of the streak " + streak.target();
        };
    }

    private void list(ServerRequest request, ServerResponse response) {
        Application application = console.viewable(request);
        PageRequest.Page<StoredRule<LeaderboardRule>> boards = rules.list(application.id(), LeaderboardKind.KIND,
                new PageRequest(PageRequest.DEFAULT_LIMIT, PageRequest.from(request).after()), false, board -> true);
        Instant now = clock.instant();
        List<BoardLine> lines = boards.items().stream()
                .map(board -> new BoardLine(board, board.rule().periodAt(now))).toList();
        String next = boards.nextCursor() == null ? "" : ConsoleText.link("/console/apps/" + application.id()
                + "/leaderboards", Map.of("cursor", boards.nextCursor()));
        console.views().render(response, "leaderboards/list.jte",
                Console.page(request, "Leaderboards").in(application, "leaderboards"), "application", application,
                "boards", lines, "next", next);
    }

    private void board(ServerRequest request, ServerResponse response) {
        Application application = console.viewable(request);
        BoardView view = view(request, application);
        console.views().render(response, view.errors().isEmpty() ? 200 : 422, "leaderboards/board.jte",
                Console.page(request, view.board().name() + " · Leaderboards").in(application, "leaderboards"),
                "application", application, "view", view);
    }

    /** The ranking alone, for htmx to swap in: what the board's page with the same query shows. */
    private void ranking(ServerRequest request, ServerResponse response) {
        Application application = console.viewable(request);
        BoardView view = view(request, application);
        console.views().render(response, "leaderboards/ranking.jte", Console.page(request, view.board().name().in(application.language())),
                "application", application, "board", view.board(), "ranking", view.ranking());
    }

    private BoardView view(ServerRequest request, Application application) {
        String key = RuleCodec.key(request.path().pathParameters().get("key"));
        LeaderboardRule board = queries.board(application.id(), key).rule();
        Map<String, String> values = new LinkedHashMap<>();
        QUERY.forEach(name -> request.query().first(name).map(String::strip).filter(value -> !value.isEmpty())
                .ifPresent(value -> values.put(name, value)));
        Map<String, String> errors = new LinkedHashMap<>();
        Optional<LocalDate> date = Optional.empty();
        long offset = 0;
        try {
            date = Optional.ofNullable(values.get("period")).map(LeaderboardRoutes::period);
            offset = Optional.ofNullable(values.get("cursor")).map(LeaderboardRoutes::offset).orElse(0L);
        } catch (ApiException e) {
            errors.putAll(FormBody.errors(e));
        }
        Ranking ranking = ranking(application, key, date, Optional.ofNullable(values.get("around")), offset, errors);
        Optional<LeaderboardQueries.PeriodView> period = ranking.shown().map(LeaderboardQueries.Page::period);
        String base = path(application.id(), key);
        String previous = period.flatMap(shown -> Optional.ofNullable(shown.start()))
                .map(start -> ConsoleText.link(base, Map.of("period",
                        LocalDate.ofInstant(start, board.timezone()).minusDays(1).toString())))
                .orElse("");
        String next = period.filter(LeaderboardQueries.PeriodView::finished)
                .flatMap(shown -> Optional.ofNullable(shown.end()))
                .filter(end -> !end.isAfter(clock.instant()))
                .map(end -> ConsoleText.link(base, Map.of("period", LocalDate.ofInstant(end, board.timezone()).toString())))
                .orElse("");
        String current = period.filter(LeaderboardQueries.PeriodView::finished).map(shown -> base).orElse("");
        return new BoardView(board, values, errors, previous, next, current, ranking);
    }

    /**
     * The ranking the query asks for: the neighbourhood of {@code around} (the top, with the refusal next
     * to the field, when the user has no score in the period), else a page of the top; a date the
     * queries refuse shows the current period with the refusal next to the field.
     */
    private Ranking ranking(Application application, String key, Optional<LocalDate> date, Optional<String> around,
            long offset, Map<String, String> errors) {
        Instant readAt = clock.instant();
        try {
            if (around.isPresent() && !errors.containsKey("around")) {
                try {
                    return shown(application, key, queries.around(application.id(), key, date, around.get(),
                            LeaderboardRoutes.DEFAULT_RADIUS), date, around.get(), 0, readAt);
                } catch (ApiException e) {
                    if (e.status() != 404 || !e.members().containsKey("user_id")) {
                        throw e;
                    }
                    errors.put("around", e.detail());
                }
            }
            return shown(application, key, queries.top(application.id(), key, date, offset, PAGE), date, "", offset,
                    readAt);
        } catch (ApiException e) {
            if (e.status() == 503) {
                return new Ranking(Optional.empty(), "", "", "", e.detail(), readAt);
            }
            if (date.isPresent() && e.status() == 400 && "period".equals(e.members().get("field"))) {
                errors.put("period", e.detail());
                return ranking(application, key, Optional.empty(), around, offset, errors);
            }
            throw e;
        }
    }

    private static Ranking shown(Application application, String key, LeaderboardQueries.Page page,
            Optional<LocalDate> date, String around, long offset, Instant readAt) {
        String base = path(application.id(), key);
        Map<String, String> query = new LinkedHashMap<>();
        date.ifPresent(day -> query.put("period", day.toString()));
        String nextPage = page.next().filter(next -> around.isEmpty())
                .map(next -> {
                    Map<String, String> more = new LinkedHashMap<>(query);
                    more.put("cursor", LeaderboardRoutes.cursor(next));
                    return ConsoleText.link(base, more);
                })
                .orElse("");
        if (!around.isEmpty()) {
            query.put("around", around);
        } else if (offset > 0) {
            query.put("cursor", LeaderboardRoutes.cursor(offset));
        }
        String live = page.period().finished() ? "" : ConsoleText.link(base + "/ranking", query);
        return new Ranking(Optional.of(page), around, nextPage, live, "", readAt);
    }
}
