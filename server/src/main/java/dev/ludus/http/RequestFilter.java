package dev.ludus.http;

import io.helidon.common.uri.UriQuery;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * First filter of every request: takes the caller's {@code X-Request-Id} (when it is a sane token)
 * or makes one, echoes it, puts it in the log context, answers failures of later filters and
 * handlers through the {@link ProblemHandler} (so that the status and the request id are known
 * when the request is counted and logged), learns where the request came from ({@link ForwardedHeaders};
 * the client's address goes in the log context as {@code client}), sends {@code Strict-Transport-Security}
 * when it came over HTTPS, and records the request in the
 * {@code http.server.requests} timer tagged by method, route pattern and status (499 for a client
 * that closed the connection before its request was read).
 */
public final class RequestFilter implements Filter {

    /** Header that carries the request id both ways. */
    public static final HeaderName REQUEST_ID = HeaderNames.create("X-Request-Id");

    /**
     * The most header bytes (names, values and separators) a request may carry: 16 KiB; more answer
     * 431. The web server itself stops reading at four times this and answers 400.
     */
    public static final int MAX_HEADER_BYTES = 16 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(RequestFilter.class);
    private static final Pattern SANE_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    /** One year, the usual {@code max-age}; no {@code includeSubDomains}: the domain's other hosts are not Ludus's. */
    public static final String STRICT_TRANSPORT_SECURITY = "max-age=31536000";
    private static final HeaderName HSTS = HeaderNames.create("Strict-Transport-Security");

    private final MeterRegistry registry;
    private final ProblemHandler problems;
    private final ForwardedHeaders forwarded;
    /** Timers by method, route and status; the set is small (routes times statuses). */
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    public RequestFilter(MeterRegistry registry, ProblemHandler problems, ForwardedHeaders forwarded) {
        this.registry = registry;
        this.problems = problems;
        this.forwarded = forwarded;
    }

    /**
     * A request id: 128 random bits as a UUID string. Request ids need to be unique, not secret, so
     * they come from {@link ThreadLocalRandom} rather than the locked {@code SecureRandom} of
     * {@link UUID#randomUUID()}.
     */
    static String newRequestId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return new UUID(random.nextLong(), random.nextLong()).toString();
    }

    private Timer timer(String method, String route, int status) {
        return timers.computeIfAbsent(method + ' ' + route + ' ' + status, key -> Timer.builder("http.server.requests")
                .description("HTTP requests by method, route pattern and status")
                .tag("method", method)
                .tag("route", route)
                .tag("status", Integer.toString(status))
                .register(registry));
    }

    /**
     * Refuses a decoded path or query that holds a NUL or an unpaired surrogate ({@code %00},
     * {@code %ED%A0%80} decoded leniently): ids and keys come from there, and no store can keep them.
     */
    private static void requireWellFormedText(RoutingRequest request) {
        String path = request.path().path();
        int flaw = Text.firstFlaw(path);
        if (flaw >= 0) {
            throw ApiException.invalidField("path", "the path " + Text.flawAt(path, flaw));
        }
        UriQuery query = request.query();
        for (String name : query.names()) {
            Text.require("query", name);
            for (String value : query.all(name)) {
                Text.require(name, value);
            }
        }
    }

    private static long headerBytes(RoutingRequest request) {
        long bytes = 0;
        for (io.helidon.http.Header header : request.headers()) {
            bytes += header.name().length() + 4L;
            for (String value : header.allValues()) {
                bytes += value.length();
            }
        }
        return bytes;
    }

    /** The caller's request id when it is a sane token, otherwise a new one. */
    static String requestId(java.util.Optional<String> offered) {
        return offered.filter(id -> SANE_ID.matcher(id).matches()).orElseGet(RequestFilter::newRequestId);
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest request, RoutingResponse response) {
        String requestId = requestId(request.headers().first(REQUEST_ID));
        ForwardedHeaders.Origin origin = forwarded.origin(request);
        RequestInfo info = new RequestInfo(requestId, origin);
        request.context().register(info);
        response.header(REQUEST_ID, requestId);
        if (origin.secure()) {
            response.header(HSTS, STRICT_TRANSPORT_SECURITY);
        }
        MDC.put("request_id", requestId);
        origin.address().ifPresent(address -> MDC.put("client", address));
        long start = System.nanoTime();
        try {
            if (headerBytes(request) > MAX_HEADER_BYTES) {
                throw new ApiException(431, "headers_too_large", "Request headers too large",
                        "the request's headers are larger than " + MAX_HEADER_BYTES + " bytes");
            }
            requireWellFormedText(request);
            chain.proceed();
        } catch (ClientClosedRequest e) {
            problems.handleClientClosed(request, response, e);
        } catch (ApiException e) {
            problems.handle(request, response, e);
        } catch (io.helidon.http.RequestException e) {
            problems.handleRequestException(request, response, e);
        } catch (RuntimeException e) {
            problems.handleUnexpected(request, response, e);
        } finally {
            long elapsed = System.nanoTime() - start;
            int status = info.clientClosed() ? ClientClosedRequest.STATUS : response.status().code();
            timer(request.prologue().method().text(), info.route(), status)
                    .record(elapsed, java.util.concurrent.TimeUnit.NANOSECONDS);
            if (LOG.isDebugEnabled()) {
                LOG.debug("{} {} -> {} in {} us from {}", request.prologue().method().text(), info.route(), status,
                        elapsed / 1000, origin.address().orElse("?"));
            }
            MDC.remove("request_id");
            MDC.remove("client");
        }
    }
}
