package dev.ludus.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.ludus.testing.Http;
import dev.ludus.testing.TestApp;
import dev.ludus.testing.TestLudus;
import dev.ludus.testing.TestStore;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Issuing under concurrency: parallel requests for one client agree on one token. */
class AuthTokenConcurrencyTest {

    private static final Map<String, String> GENEROUS = Map.of("LUDUS_AUTH_TOKEN_BURST", "1000");

    private static Set<String> issueInParallel(List<Http> nodes, TestApp app, int requests) throws Exception {
        List<Callable<String>> calls = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            Http http = nodes.get(i % nodes.size());
            calls.add(() -> {
                Http.Answer answer = http.post("/v1/auth_token", null, app.basic());
                assertThat(answer.status()).as(answer.body()).isEqualTo(200);
                return answer.json().path("token").asText();
            });
        }
        Set<String> tokens = new HashSet<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(requests)) {
            for (Future<String> future : pool.invokeAll(calls)) {
                tokens.add(future.get());
            }
        }
        return tokens;
    }

    @Test
    void hundredParallelRequestsForOneClientYieldOneToken() throws Exception {
        try (TestLudus ludus = TestLudus.start(GENEROUS)) {
            TestApp app = ludus.createApp();
            assertThat(issueInParallel(List.of(ludus.http()), app, 100)).hasSize(1);
        }
    }

    @Test
    void twoNodesOnOneDatabaseAgreeOnOneToken() throws Exception {
        assumeThat(TestStore.postgresql()).as("nodes share a store only on PostgreSQL").isTrue();
        try (TestLudus ludus = TestLudus.start(GENEROUS)) {
            TestLudus other = ludus.secondNode();
            try {
                TestApp app = ludus.createApp();
                Set<String> tokens = issueInParallel(List.of(ludus.http(), other.http()), app, 100);
                assertThat(tokens).hasSize(1);
                String token = tokens.iterator().next();
                assertThat(other.http().get("/v1/auth/verify", Http.bearer(token)).status()).isEqualTo(200);
            } finally {
                other.stop();
            }
        }
    }
}
