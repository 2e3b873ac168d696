package dev.ludus.testing;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Defines rules for a test application over HTTP with an admin token: the calls every engine test
 * starts with.
 */
public final class GameSetup {

    private final Http http;
    private final String[] admin;
    private final String[] writer;

    public GameSetup(Http http, TestApp app) {
        this.http = http;
        this.admin = Http.bearer(app.tokenWith("admin"));
        this.writer = Http.bearer(app.tokenWith("write", "users:write"));
    }

    /**
     * A walking game: the metric {@code steps}, the points system {@code xp} (1 per 100 steps, levels
     * Rookie from 0 and Walker from 20) and the achievement {@code first_k} (1,000 steps).
     */
    public GameSetup walking() {
        return metric("steps")
                .put("/v1/points/xp", """
                        {"name":"Experience","triggers":[{"type":"metric","metric":"steps","points":1,"per":100}],
                         "levels":[{"name":"Rookie","threshold":0},{"name":"Walker","threshold":20}]}""")
                .put("/v1/achievements/first_k", """
                        {"name":"First thousand","trigger":{"type":"metric","metric":"steps","threshold":1000}}""");
    }

    /** Sends an event for {@code user} with a service token, checks that it was recorded, and answers its id. */
    public String event(String user, String metric, long value) {
        Http.Answer answer = http.post("/v1/events", "{\"user_id\":\"" + user + "\",\"metric\":\"" + metric
                + "\",\"value\":" + value + "}", writer);
        assertThat(answer.status()).as(answer.body()).isIn(200, 201);
        return answer.json().path("event").path("id").asText();
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
