package dev.ludus.client;

/**
 * The SDK in a few lines. Run against a server with
 * {@code LUDUS_URL}, {@code LUDUS_CLIENT_ID} and {@code LUDUS_CLIENT_SECRET} set (from {@code ./ludus init}).
 */
public final class Example {

    private Example() { }

    public static void main(String[] args) {
        LudusClient ludus = LudusClient.builder()
                .baseUrl(System.getenv().getOrDefault("LUDUS_URL", "http://localhost:8080"))
                .clientCredentials(System.getenv("LUDUS_CLIENT_ID"), System.getenv("LUDUS_CLIENT_SECRET"))
                .build();
        System.out.println(describe(ludus));
    }

    /** Who the client authenticates as; {@link LudusException} carries the server's error code. */
    static String describe(LudusClient ludus) {
        try {
            Verification who = ludus.auth().verify();
            return "authenticated by " + who.method() + " as " + who.subject() + " with " + who.scopes();
        } catch (LudusException e) {
            return "refused: " + e.error() + " (request id " + e.requestId().orElse("none") + ")";
        }
    }
}
