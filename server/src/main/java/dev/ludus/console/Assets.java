package dev.ludus.console;

import dev.ludus.http.ApiException;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The console's static files, read once from the jar: its own stylesheet and scripts, htmx and uPlot
 * from their WebJars. Only the files listed here are served; no path reaches the class path otherwise.
 */
public final class Assets {

    static final String PREFIX = "/console/assets/";
    private static final String HTMX = "META-INF/resources/webjars/htmx.org/2.0.8/dist/htmx.min.js";
    private static final String UPLOT = "META-INF/resources/webjars/uplot/1.6.30/dist/";

    private record Asset(String type, byte[] bytes) { }

    private final Map<String, Asset> files = Map.of(
            "console.css", load("dev/ludus/console/assets/console.css", "text/css; charset=utf-8"),
            "console.js", load("dev/ludus/console/assets/console.js", "text/javascript; charset=utf-8"),
            "live.js", load("dev/ludus/console/assets/live.js", "text/javascript; charset=utf-8"),
            "dashboard.js", load("dev/ludus/console/assets/dashboard.js", "text/javascript; charset=utf-8"),
            "uPlot.iife.min.js", load(UPLOT + "uPlot.iife.min.js", "text/javascript; charset=utf-8"),
            "uPlot.min.css", load(UPLOT + "uPlot.min.css", "text/css; charset=utf-8"),
            "htmx.min.js", load(HTMX, "text/javascript; charset=utf-8"),
            "favicon.svg", load("dev/ludus/console/assets/favicon.svg", "image/svg+xml"));

    public void register(Pages routes) {
        routes.get(PREFIX + "{file}", this::serve);
    }

    private void serve(ServerRequest request, ServerResponse response) {
        Asset asset = files.get(request.path().pathParameters().get("file"));
        if (asset == null) {
            throw ApiException.notFound("no such console file");
        }
        response.header(HeaderNames.CONTENT_TYPE, asset.type());
        response.header(HeaderNames.CACHE_CONTROL, "public, max-age=300");
        response.send(asset.bytes());
    }

    private static Asset load(String resource, String type) {
        try (InputStream in = Assets.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the console's file " + resource + " is missing from the jar");
            }
            return new Asset(type, in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
