package dev.ludus.console;

import dev.ludus.live.LiveEntry;
import dev.ludus.live.LiveFeed;
import dev.ludus.tenancy.Application;
import io.helidon.http.sse.SseEvent;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.helidon.webserver.sse.SseSink;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The live feed page of an application: events as they are committed, on any node, with what each
 * changed, filtered by user and metric, that the reader can pause (docs/console.md). The page is
 * rendered once; its script reads {@code /live/stream}, Server-Sent Events of entries
 * ({@code entry}), of entries dropped because the browser read too slowly ({@code dropped}), and of
 * entries possibly missed while the nodes' link was down ({@code gap}). The stream holds a request
 * thread (a virtual thread) while it is open and ends when the browser goes or the server stops.
 */
public final class LivePages {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(LivePages.class);

    /** Longest user id or metric a filter takes. */
    static final int MAX_FILTER = 255;
    /** How often an idle stream says it is alive, so that a gone browser is noticed. */
    static final Duration KEEP_ALIVE = Duration.ofSeconds(15);
    private static final Duration POLL = Duration.ofMillis(500);

    private final Console console;
    private final LiveFeed feed;

    public LivePages(Console console, LiveFeed feed) {
        this.console = console;
        this.feed = feed;
    }

    public void register(Pages routes) {
        routes.get("/console/apps/{app}/live", this::page);
        routes.get("/console/apps/{app}/live/stream", this::stream);
    }

    private void page(ServerRequest request, ServerResponse response) {
        Application application = console.viewable(request);
        console.views().render(response, 200, "live/feed.jte", Console.page(request, "Live events").in(application, "live"),
                "application", application, "values", filters(request));
    }

    private void stream(ServerRequest request, ServerResponse response) throws InterruptedException {
        Application application = console.viewable(request);
        Map<String, String> filters = filters(request);
        response.header("Cache-Control", "no-store");
        try (LiveFeed.Watcher watcher = feed.watch(application.id(), Optional.ofNullable(filters.get("user")),
                Optional.ofNullable(filters.get("metric")));
                SseSink sink = response.sink(SseSink.TYPE)) {
            sink.emit(event("ready", "{}"));
            Instant quietSince = Instant.now();
            while (!watcher.ended()) {
                Optional<LiveEntry> entry = watcher.next(POLL);
                long dropped = watcher.takeDropped();
                if (dropped > 0) {
                    sink.emit(event("dropped", "{\"dropped\":" + dropped + "}"));
                }
                if (watcher.takeGap()) {
                    sink.emit(event("gap", "{}"));
                }
                if (entry.isPresent()) {
                    sink.emit(event("entry", entry.get().json()));
                    quietSince = Instant.now();
                } else if (Duration.between(quietSince, Instant.now()).compareTo(KEEP_ALIVE) >= 0) {
                    sink.emit(SseEvent.builder().comment("alive").build());
                    quietSince = Instant.now();
                }
            }
        } catch (RuntimeException gone) {
            // the browser went away (Helidon reports a failed write of a started answer in more than
            // one way): the watch ends with the request, and nothing else can be answered on it
            LOG.debug("a live stream of {} ended: {}", application.id(), gone.toString());
        }
    }

    private static SseEvent event(String name, String json) {
        return SseEvent.builder().name(name).data(json).build();
    }

    /** The filters of the query: {@code user} and {@code metric}, stripped, when given. */
    private static Map<String, String> filters(ServerRequest request) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String name : new String[] {"user", "metric"}) {
            request.query().first(name).map(String::strip).filter(value -> !value.isEmpty())
                    .map(value -> value.length() > MAX_FILTER ? value.substring(0, MAX_FILTER) : value)
                    .ifPresent(value -> values.put(name, value));
        }
        return values;
    }
}
