package dev.ludus.outcomes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ludus.testing.GameSetup;
import dev.ludus.testing.Http;
import dev.ludus.testing.TestApp;
import dev.ludus.testing.TestLudus;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The outcome counters follow what the events' answers say the rules did, and nothing refused. */
class OutcomeCountersTest {

    private TestLudus ludus;
    private String[] user;

    @BeforeEach
    void start() {
        ludus = TestLudus.start();
        TestApp app = ludus.createApp();
        user = Http.bearer(app.tokenWith("read", "write"));
        new GameSetup(ludus.http(), app)
                .metric("steps")
                .put("/v1/achievements/first_k", """
                        {"name":"First thousand","trigger":{"type":"metric","metric":"steps","threshold":1000}}""")
                .put("/v1/points/xp", """
                        {"name":"Experience","triggers":[{"type":"metric","metric":"steps","points":1,"per":100}]}""");
    }

    @AfterEach
    void stop() {
        ludus.close();
    }

    @Test
    void countsTheOutcomesOfAppliedEventsOnly() {
        assertThat(ludus.http().post("/v1/events", "{\"metric\":\"steps\",\"value\":600}", user).status())
                .isEqualTo(201);
        assertThat(ludus.http().post("/v1/events", "{\"metric\":\"steps\",\"value\":500}", user).status())
                .isEqualTo(201);
        assertThat(ludus.http().post("/v1/events", "{\"metric\":\"unknown\",\"value\":5}", user).status())
                .isEqualTo(400);

        String metrics = ludus.http().get("/metrics").body();
        assertThat(count(metrics, "metric_total_changed")).isEqualTo(2);
        assertThat(count(metrics, "points_changed")).isEqualTo(2);
        assertThat(count(metrics, "achievement_unlocked")).isEqualTo(1);
        assertThat(count(metrics, "streak_changed")).isZero();
    }

    private static double count(String metrics, String outcome) {
        Matcher line = Pattern.compile("(?m)^ludus_outcomes_total\\{outcome=\"" + outcome + "\"} (\\S+)$").matcher(metrics);
        assertThat(line.find()).as("ludus_outcomes_total{outcome=%s} in /metrics", outcome).isTrue();
        return Double.parseDouble(line.group(1));
    }
}
