package dev.ludus.console;

import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.Map;

/**
 * What a page does after a form was sent. A change that worked redirects (303) to a page with
 * {@code ?done=<code>}, and that page shows the code's words from its own list, never text taken from
 * the request (a link cannot make the console say something it did not). A form shown again with its
 * errors, or a secret shown once, is rendered in the answer to the POST and keeps the browser's
 * address where the form was ({@code HX-Push-Url: false}), so that a reload or the back button never
 * asks for the POST's address nor shows the secret again (ADR 0026).
 */
final class After {

    private After() {
    }

    /** {@code page} with the words of the request's {@code done} code, when {@code words} knows it. */
    static Page notice(ServerRequest request, Page page, Map<String, String> words) {
        return request.query().first("done").map(words::get).map(page::notice).orElse(page);
    }

    /** Sends the browser to {@code path} with {@code ?done=code}. */
    static void redirect(ServerResponse response, String path, String code) {
        Console.redirect(response, path + "?done=" + code);
    }

    /** The answer rendered next stays at the address the form was sent from. */
    static void stay(ServerResponse response) {
        response.header("HX-Push-Url", "false");
    }
}
