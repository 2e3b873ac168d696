package dev.ludus.console;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ludus.http.Json;
import dev.ludus.http.RequestInfo;
import dev.ludus.http.PageRequest;
import dev.ludus.rules.RuleService;
import dev.ludus.rules.kinds.AchievementKind;
import dev.ludus.rules.kinds.AchievementStats;
import dev.ludus.rules.kinds.MetricKind;
import dev.ludus.stats.Buckets;
import dev.ludus.stats.Stats;
import dev.ludus.stats.StatsSeries;
import dev.ludus.tenancy.Application;
import dev.ludus.tenancy.EcdsaKey;
import dev.ludus.tenancy.TenancyService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import org.jdbi.v3.core.Jdbi;

/**
 * An application's dashboard: the usage figures kept at write time ({@link Stats}) over the last 24
 * hours, 7, 30 or 90 days, drawn by uPlot from a JSON block of the page (the Content-Security-Policy
 * allows no inline script; {@code dashboard.js} reads it), with the totals beside the charts and the
 * ECDSA keys that may still sign, with when each last did. An application without events yet shows
 * how to send a first one instead, and the page turns into the dashboard once it has arrived (htmx
 * asks again every few seconds).
 */
public final class DashboardPages {

    /** The ranges offered, by their name in the address: the length and whether buckets are days. */
    public record Range(String key, String label, Duration length, boolean daily) { }

    public static final List<Range> RANGES = List.of(
            new Range("24h", "24 hours", Duration.ofHours(24), false),
            new Range("7d", "7 days", Duration.ofDays(7), false),
            new Range("30d", "30 days", Duration.ofDays(30), true),
            new Range("90d", "90 days", Duration.ofDays(90), true));
    private static final Range DEFAULT = RANGES.get(1);
    /** How many weeks the chart of weekly active users shows, whatever the range: a quarter. */
    public static final int WEEKS = 13;

    /** An achievement's figures: unlocks in the range and its rarity (share of users who hold it). */
    public record Unlocks(String key, String name, long unlocks, String rarity) { }

    /**
     * What the dashboard template shows.
     *
     * @param ecdsaKeys the one that signed last first, those that never signed last
     * @param now when the page was drawn, by the server's clock (for "5 min ago")
     */
    public record View(Range range, List<Range> ranges, Map<String, Long> totals, Map<String, Long> points,
            List<Unlocks> achievements, Map<String, Long> deliveries, String successRate, Map<String, Long> requests,
            List<EcdsaKey> ecdsaKeys, Optional<Instant> ecdsaLastUsed, String chartData, Instant now) { }

    /** What the getting-started panel shows: ids and snippets, never a secret. */
    public record Start(String baseUrl, String metric) { }

    private final Console console;
    private final Stats stats;
    private final RuleService rules;
    private final TenancyService tenancy;
    private final Jdbi jdbi;
    private final Json json;
    private final Clock clock;
    private final Rarities rarities;

    /** @param achievements the counts behind the achievements' rarity ({@link Rarities}) */
    public DashboardPages(Console console, Stats stats, RuleService rules, TenancyService tenancy, Jdbi jdbi, Json json,
            AchievementStats achievements, Clock clock) {
        this.console = console;
        this.stats = stats;
        this.rules = rules;
        this.tenancy = tenancy;
        this.jdbi = jdbi;
        this.json = json;
        this.clock = clock;
        this.rarities = new Rarities(achievements, clock);
    }

    public void register(Pages routes) {
        routes.get("/console/apps/{app}/dashboard", this::show);
    }

    private void show(ServerRequest request, ServerResponse response) {
        Application app = console.viewable(request);
        Page page = Console.page(request, "Dashboard · " + app.name()).in(app, "dashboard");
        boolean started = jdbi.withHandle(handle -> handle.createQuery(
                "SELECT 1 FROM events WHERE application_id = :app LIMIT 1").bind("app", app.id()).mapTo(Integer.class)
                .findOne().isPresent());
        if (!started) {
            String metric = rules.active(app.id()).stored().stream()
                    .filter(rule -> rule.kind().name().equals(MetricKind.KIND.name())).map(rule -> rule.key())
                    .findFirst().orElse("steps");
            console.views().render(response, 200, "dashboard/start.jte", page, "application", app,
                    "start", new Start(baseUrl(request), metric));
            return;
        }
        Range range = request.query().first("range").flatMap(key -> RANGES.stream()
                .filter(candidate -> candidate.key().equals(key)).findFirst()).orElse(DEFAULT);
        console.views().render(response, 200, "dashboard/dashboard.jte", page, "application", app,
                "view", view(app, range));
    }

    private View view(Application app, Range range) {
        Instant now = clock.instant();
        Instant to = range.daily() ? now.truncatedTo(ChronoUnit.DAYS).plus(Duration.ofDays(1))
                : now.truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(1));
        List<StatsSeries> read = stats.series(app.id(), List.of(
                new Stats.Span(to.minus(range.length()), to, range.daily() ? Buckets.DAY : Buckets.HOUR),
                new Stats.Span(now.minus(Duration.ofDays(7L * (WEEKS - 1))), now.plusMillis(1), Buckets.WEEK),
                new Stats.Span(now, now.plusMillis(1), Buckets.DAY)));
        StatsSeries series = read.get(0);
        StatsSeries weeks = read.get(1);
        StatsSeries today = read.get(2);
        List<StatsSeries.Bucket> buckets = series.buckets();

        Map<String, Long> totals = new LinkedHashMap<>();
        totals.put("events", sum(buckets, StatsSeries.Bucket::events));
        totals.put("daily_active_users", today.buckets().getFirst().activeUsers());
        totals.put("weekly_active_users", weeks.buckets().getLast().activeUsers());
        totals.put("achievements_unlocked", sum(buckets, bucket -> total(bucket.achievementsUnlocked())));
        totals.put("streaks_extended", sum(buckets, bucket -> total(bucket.streaksExtended())));
        totals.put("streaks_lost", sum(buckets, bucket -> total(bucket.streaksLost())));
        Map<String, Long> deliveries = sumOfMaps(buckets, StatsSeries.Bucket::webhookDeliveries);
        long attempts = total(deliveries);
        String rate = attempts == 0 ? "no deliveries"
                : String.format(java.util.Locale.ROOT, "%.1f%%", 100.0 * deliveries.getOrDefault("delivered", 0L) / attempts);
        Map<String, Long> unlocked = sumOfMaps(buckets, StatsSeries.Bucket::achievementsUnlocked);
        return new View(range, RANGES, totals, sumOfMaps(buckets, StatsSeries.Bucket::pointsAwarded),
                achievements(app.id(), unlocked), deliveries, rate, sumOfMaps(buckets, StatsSeries.Bucket::requests),
                ecdsaKeys(app.id()), Optional.ofNullable(app.ecdsaLastUsedAt()), chartData(series, weeks), now);
    }

    /** The application's ECDSA keys (the first page), the one that signed last first, those that never did last. */
    private List<EcdsaKey> ecdsaKeys(String applicationId) {
        List<EcdsaKey> keys = new ArrayList<>(tenancy.ecdsaKeys(applicationId,
                new PageRequest(PageRequest.MAX_LIMIT, Optional.empty())).items());
        keys.sort(Comparator.comparing(EcdsaKey::lastUsedAt, Comparator.nullsLast(Comparator.reverseOrder()))
                .thenComparing(EcdsaKey::address));
        return keys;
    }

    /**
     * The top achievements of the range by unlocks, with their rarity as last counted ({@link Rarities}:
     * "-" until the first count of the application is done).
     */
    private List<Unlocks> achievements(String applicationId, Map<String, Long> unlocked) {
        Map<String, JsonNode> views = new TreeMap<>();
        rules.active(applicationId).stored().stream()
                .filter(rule -> rule.kind().name().equals(AchievementKind.KIND.name()))
                .forEach(rule -> views.put(rule.key(), rule.view()));
        Optional<Rarities.Counted> counted = rarities.of(applicationId);
        List<Unlocks> top = new ArrayList<>();
        unlocked.forEach((key, count) -> {
            JsonNode view = views.get(key);
            String rarity = counted.flatMap(known -> known.rarity(key))
                    .map(share -> String.format(java.util.Locale.ROOT, "%.1f%%", share * 100)).orElse("-");
            top.add(new Unlocks(key, view == null ? key : ConsoleText.shown(view.path("name"), key), count, rarity));
        });
        top.sort(Comparator.comparingLong(Unlocks::unlocks).reversed().thenComparing(Unlocks::key));
        return top.size() > 10 ? top.subList(0, 10) : top;
    }

    /**
     * The series as the page's script draws them: times in epoch seconds, one array per line; the
     * weekly active users with times of their own.
     */
    private String chartData(StatsSeries series, StatsSeries weeks) {
        Map<String, Object> data = new LinkedHashMap<>();
        List<StatsSeries.Bucket> buckets = series.buckets();
        data.put("interval", series.interval());
        data.put("times", buckets.stream().map(bucket -> bucket.start().getEpochSecond()).toList());
        Map<String, Object> lines = new LinkedHashMap<>();
        lines.put("events", Map.of("events", buckets.stream().map(StatsSeries.Bucket::events).toList()));
        lines.put("active_users", Map.of("active users", buckets.stream().map(StatsSeries.Bucket::activeUsers).toList()));
        lines.put("achievements", Map.of("unlocked", buckets.stream().map(bucket ->
                total(bucket.achievementsUnlocked())).toList()));
        lines.put("points", byKey(buckets, StatsSeries.Bucket::pointsAwarded));
        Map<String, List<Long>> streaks = new LinkedHashMap<>();
        streaks.put("extended", buckets.stream().map(bucket ->
                total(bucket.streaksExtended())).toList());
        streaks.put("lost", buckets.stream().map(bucket ->
                total(bucket.streaksLost())).toList());
        lines.put("streaks", streaks);
        lines.put("webhooks", byKey(buckets, StatsSeries.Bucket::webhookDeliveries));
        lines.put("requests", byKey(buckets, StatsSeries.Bucket::requests));
        lines.put("weekly_active_users", Map.of("active users", weeks.buckets().stream()
                .map(StatsSeries.Bucket::activeUsers).toList()));
        data.put("charts", lines);
        data.put("chart_times", Map.of("weekly_active_users", weeks.buckets().stream()
                .map(bucket -> bucket.start().getEpochSecond()).toList()));
        return json.text(data);
    }

    private static Map<String, List<Long>> byKey(List<StatsSeries.Bucket> buckets,
            Function<StatsSeries.Bucket, Map<String, Long>> figures) {
        Map<String, List<Long>> lines = new TreeMap<>();
        for (String key : sumOfMaps(buckets, figures).keySet()) {
            lines.put(key, buckets.stream().map(bucket -> figures.apply(bucket).getOrDefault(key, 0L)).toList());
        }
        return lines;
    }

    private static long sum(List<StatsSeries.Bucket> buckets, java.util.function.ToLongFunction<StatsSeries.Bucket> figure) {
        return buckets.stream().mapToLong(figure).sum();
    }

    private static long total(Map<String, Long> counts) {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    private static Map<String, Long> sumOfMaps(List<StatsSeries.Bucket> buckets,
            Function<StatsSeries.Bucket, Map<String, Long>> figures) {
        Map<String, Long> sums = new TreeMap<>();
        buckets.forEach(bucket -> figures.apply(bucket).forEach((key, count) -> sums.merge(key, count, Long::sum)));
        return sums;
    }

    /** The address the browser used, for the snippets: its host, and HTTPS as the client's connection (behind a trusted proxy too). */
    private static String baseUrl(ServerRequest request) {
        String host = request.headers().first(io.helidon.http.HeaderNames.HOST).orElse("localhost:8080");
        return (RequestInfo.secure(request) ? "https" : "http") + "://" + host;
    }
}
