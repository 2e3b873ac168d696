package dev.ludus.console;

import dev.ludus.testing.TestLudus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A browser's part for HTTP tests of the console: keeps the cookies it is given (like a browser, only
 * for this server), does not follow redirects (so tests see them), signs in, and posts forms with the
 * CSRF token of the last page it read.
 */
public final class ConsoleClient {

    private static final Pattern CSRF = Pattern.compile("<meta name=\"csrf-token\" content=\"([^\"]*)\">");
    private static final Pattern COOKIE = Pattern.compile("^([^=;]+)=([^;]*)(.*)$");

    /** An answer: status, headers and the HTML. */
    public record Page(int status, java.net.http.HttpHeaders headers, String body) {

        public Optional<String> header(String name) {
            return headers.firstValue(name);
        }

        /** Where a redirect sends the browser. */
        public String location() {
            return header("Location").orElseThrow(() -> new AssertionError("no Location on a " + status));
        }
    }

    private final String baseUrl;
    private final HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).build();
    /** The cookies a browser would hold, by name. */
    private final Map<String, String> cookies = new LinkedHashMap<>();
    private String csrf = "";

    public ConsoleClient(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public ConsoleClient(TestLudus ludus) {
        this(ludus.baseUrl());
    }

    /** Signs in with the test server's operator key; fails the test unless that works. */
    public ConsoleClient signInWithOperatorKey() {
        get("/console/sign-in");
        Page answer = post("/console/sign-in", "operator_key", TestLudus.ADMIN_KEY);
        if (answer.status() != 303) {
            throw new AssertionError("sign-in with the operator key answered " + answer.status() + ": " + answer.body());
        }
        follow(answer.location());
        return this;
    }

    /** Signs in with an account's email and password; the answer (303 when it worked). */
    public Page signIn(String email, String password) {
        get("/console/sign-in");
        Page answer = post("/console/sign-in", "email", email, "password", password);
        if (answer.status() == 303) {
            follow(answer.location());
        }
        return answer;
    }

    /** GET, following redirects as a browser does; remembers the page's CSRF token. */
    public Page follow(String path) {
        Page page = get(path);
        for (int hops = 0; page.status() == 303 && hops < 5; hops++) {
            page = get(page.location());
        }
        return page;
    }

    /** GET; remembers the page's CSRF token. */
    public Page get(String path) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET(), Map.of());
    }

    /**
     * POST of a form given as name, value pairs, with the CSRF token of the last page read. A name may
     * come more than once (checkboxes).
     */
    public Page post(String path, String... fields) {
        List<Map.Entry<String, String>> form = new ArrayList<>();
        form.add(Map.entry(ConsoleFilter.CSRF_FIELD, csrf));
        for (int i = 0; i < fields.length; i += 2) {
            form.add(Map.entry(fields[i], fields[i + 1]));
        }
        return postForm(path, form, Map.of());
    }

    /** POST of exactly these fields (no CSRF token added) with these headers. */
    public Page postRaw(String path, Map<String, String> form, Map<String, String> headers) {
        return postForm(path, List.copyOf(form.entrySet()), headers);
    }

    private Page postForm(String path, List<Map.Entry<String, String>> form, Map<String, String> headers) {
        String body = form.stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)), headers);
    }

    /** The CSRF token of the last page read. */
    public String csrf() {
        return csrf;
    }

    /** The cookie's value as the browser holds it. */
    public Optional<String> cookie(String name) {
        return Optional.ofNullable(cookies.get(name));
    }

    /** The {@code Cookie} header a browser would send, for requests made outside this client (a stream). */
    public String cookieHeader() {
        return cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("; "));
    }

    /** Forgets a cookie, as a browser does when it closes. */
    public void dropCookie(String name) {
        cookies.remove(name);
    }

    /** Holds a cookie, as if the server had set it. */
    public void setCookie(String name, String value) {
        cookies.put(name, value);
    }

    private Page send(HttpRequest.Builder builder, Map<String, String> headers) {
        if (!cookies.isEmpty()) {
            builder.header("Cookie", cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining("; ")));
        }
        headers.forEach(builder::header);
        HttpResponse<String> response;
        try {
            response = client.send(builder.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        for (String header : response.headers().allValues("Set-Cookie")) {
            Matcher cookie = COOKIE.matcher(header);
            if (cookie.matches()) {
                boolean expired = cookie.group(2).isEmpty() || cookie.group(3).contains("Expires=Thu, 1 Jan 1970");
                if (expired) {
                    cookies.remove(cookie.group(1));
                } else {
                    cookies.put(cookie.group(1), cookie.group(2));
                }
            }
        }
        Matcher token = CSRF.matcher(response.body());
        if (token.find()) {
            csrf = token.group(1);
        }
        return new Page(response.statusCode(), response.headers(), response.body());
    }
}
