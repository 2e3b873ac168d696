package dev.ludus.profiles;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ludus.http.Json;
import dev.ludus.testing.GameSetup;
import dev.ludus.testing.Http;
import dev.ludus.testing.TestApp;
import dev.ludus.testing.TestLudus;
import dev.ludus.testing.TestStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The two ways {@link UserSearch} reads a filtered list (the filters' indexes, then a sort; or the
 * sort's index, checking each row) give the same pages: the threshold between them is moved so that
 * every filter leads, then none.
 */
class UserSearchPlansTest {

    private TestLudus ludus;
    private TestApp app;
    private Jdbi jdbi;

    @BeforeEach
    void start() {
        ludus = TestLudus.start();
        app = ludus.createApp();
        new GameSetup(ludus.http(), app).metric("steps")
                .put("/v1/points/xp", "{\"triggers\":[{\"type\":\"metric\",\"metric\":\"steps\",\"points\":1}]}");
        String[] service = Http.bearer(app.tokenWith("users:write"));
        for (int i = 0; i < 30; i++) {
            if (i % 4 == 0) {
                ludus.clock().advance(Duration.ofSeconds(1));
            }
            String id = (i % 2 == 0 ? "team-" : "solo-") + i;
            ludus.http().send("PUT", "/v1/users/" + id, "{\"name\":\"" + (i % 3 == 0 ? "Ada " : "Bob ") + i
                    + "\",\"attributes\":{\"plan\":\"" + (i % 5 == 0 ? "free" : "pro") + "\"}}", service);
            if (i % 3 != 1) {
                ludus.http().post("/v1/events", "{\"metric\":\"steps\",\"user_id\":\"" + id + "\",\"value\":"
                        + (i % 4 + 1) + "}", service);
            }
        }
        TestStore store = ludus.store();
        jdbi = Jdbi.create(store.dbUrl().orElse("jdbc:sqlite:" + store.dataDir().resolve("ludus.db")));
    }

    @AfterEach
    void stop() {
        ludus.close();
    }

    @Test
    void filtersLeadingOrTheSortLeadingGiveTheSamePages() {
        UserStore users = new UserStore(new Json(), TestStore.postgresql());
        UserSearch filtersLead = new UserSearch(users, TestStore.postgresql(), 1_000);
        UserSearch sortLeads = new UserSearch(users, TestStore.postgresql(), 1);
        List<Optional<String>> ids = List.of(Optional.empty(), Optional.of("team-"));
        List<Optional<String>> texts = List.of(Optional.empty(), Optional.of("ADA"));
        List<Optional<UserSearch.Attribute>> attributes = List.of(Optional.empty(),
                Optional.of(new UserSearch.Attribute("plan", "pro")));
        int lists = 0;
        for (UserSearch.Sort sort : UserSearch.Sort.values()) {
            Optional<String> system = sort == UserSearch.Sort.BALANCE ? Optional.of("xp") : Optional.empty();
            for (Optional<String> id : ids) {
                for (Optional<String> text : texts) {
                    for (Optional<UserSearch.Attribute> attribute : attributes) {
                        UserSearch.Filter filter = new UserSearch.Filter(id, text, attribute, sort, system);
                        List<String> led = pageThrough(filtersLead, filter);
                        assertThat(pageThrough(sortLeads, filter)).as(filter.toString()).isEqualTo(led);
                        lists += led.isEmpty() ? 0 : 1;
                    }
                }
            }
        }
        assertThat(lists).as("lists that found someone").isEqualTo(24);
    }

    private List<String> pageThrough(UserSearch search, UserSearch.Filter filter) {
        List<String> seen = new ArrayList<>();
        Optional<UserSearch.After> after = Optional.empty();
        while (true) {
            Optional<UserSearch.After> start = after;
            List<UserSearch.Found> page = jdbi.withHandle(handle ->
                    search.find(handle, app.applicationId(), filter, start, 4));
            page.forEach(found -> seen.add(found.user().id() + "@" + found.sortValue(filter.sort())));
            if (page.size() < 4) {
                return seen;
            }
            UserSearch.Found last = page.getLast();
            after = Optional.of(new UserSearch.After(last.sortValue(filter.sort()), last.user().id()));
        }
    }
}
