package dev.ludus.console;

import dev.ludus.auth.SigningKey;
import dev.ludus.auth.SigningKeys;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The server's own signing keys ({@code /console/signing-keys}, operators only): the published keys,
 * and their rotation as {@code POST /admin/v1/signing_keys/rotate} does it: with the default grace (the
 * replaced key stays published until the last token it signed has expired), or withdrawing every
 * previous key at once after a leak, behind the typed id of the key that signs now.
 */
public final class SigningKeyPages {

    private static final String PATH = "/console/signing-keys";
    private static final Map<String, String> DONE = Map.of(
            "rotated", "A new key signs from now on; the previous one stays published until its tokens expire.",
            "withdrawn", "A new key signs from now on; every previous key was withdrawn.");

    private final SigningKeys keys;
    private final Views views;
    private final Clock clock;

    public SigningKeyPages(SigningKeys keys, Views views, Clock clock) {
        this.keys = keys;
        this.views = views;
        this.clock = clock;
    }

    /**
     * A key as the page shows it.
     *
     * @param signing whether it signs new tokens now
     * @param publishedUntil until when a retired key verifies the tokens it signed; null for the signing key
     */
    public record KeyRow(String kid, Instant createdAt, boolean signing, Instant retiredAt, Instant publishedUntil) { }

    public void register(Pages routes) {
        routes.get(PATH, this::show);
        routes.post(PATH + "/rotate", this::rotate);
        routes.post(PATH + "/withdraw", this::withdraw);
    }

    private void show(ServerRequest request, ServerResponse response) {
        Console.requireOperator(request);
        render(request, response, 200, After.notice(request, page(request), DONE), Map.of());
    }

    private void rotate(ServerRequest request, ServerResponse response) {
        Console.requireOperator(request);
        keys.rotate(Console.actor(request), keys.defaultGrace());
        After.redirect(response, PATH, "rotated");
    }

    private void withdraw(ServerRequest request, ServerResponse response) {
        Console.requireOperator(request);
        String current = keys.current().kid();
        if (!Form.of(request).raw("confirm").orElse("").strip().equals(current)) {
            After.stay(response);
            render(request, response, 422, page(request), Map.of("confirm", "Type the id of the key that signs now, "
                    + "exactly as shown, to withdraw every key at once. Nothing was changed."));
            return;
        }
        keys.rotate(Console.actor(request), Duration.ZERO);
        After.redirect(response, PATH, "withdrawn");
    }

    private static Page page(ServerRequest request) {
        return Console.page(request, "Signing keys").in("signing-keys");
    }

    private void render(ServerRequest request, ServerResponse response, int status, Page page,
            Map<String, String> errors) {
        Instant now = clock.instant();
        String current = keys.current().kid();
        List<KeyRow> rows = keys.snapshot().stream().filter(key -> key.publishedAt(now) || key.retiredAt().isEmpty())
                .map(key -> row(key, current)).toList();
        views.render(response, status, "operator/signing-keys.jte", page, "keys", rows, "current", current,
                "grace", words(keys.defaultGrace()), "errors", errors);
    }

    private static KeyRow row(SigningKey key, String current) {
        return new KeyRow(key.kid(), key.createdAt(), key.kid().equals(current), key.retiredAt().orElse(null),
                key.publishUntil().orElse(null));
    }

    /** {@code 8 hours and 1 minute}. */
    static String words(Duration duration) {
        long hours = duration.toHours();
        long minutes = duration.toMinutesPart();
        String h = hours + (hours == 1 ? " hour" : " hours");
        String m = minutes + (minutes == 1 ? " minute" : " minutes");
        return hours == 0 ? m : minutes == 0 ? h : h + " and " + m;
    }
}
