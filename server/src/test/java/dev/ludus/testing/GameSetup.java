package dev.ludus.testing;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Defines rules for a test application over HTTP with an admin token: the calls every engine test
 * starts with.
 */
public final class GameSetup {

    private final Http http;
    private final String[] admin;

    public GameSetup(Http http, TestApp app) {
        this.http = http;
        this.admin = Http.bearer(app.tokenWith("admin"));
    }

    /** PUTs a rule and checks that it was accepted. */
    public GameSetup put(String path, String json) {
        Http.Answer answer = http.send("PUT", path, json, admin);
        assertThat(answer.status()).as(answer.body()).isIn(200, 201);
        return this;
    }

    public GameSetup metric(String key) {
        return put("/v1/metrics/" + key, "{}");
    }

    /** The admin token's headers. */
    public String[] admin() {
        return admin;
    }
}
