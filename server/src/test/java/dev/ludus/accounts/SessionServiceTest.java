package dev.ludus.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ludus.secrets.Secrets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Console sessions: found by their token's hash only, ended after 30 idle minutes or 12 hours, touched once a minute. */
class SessionServiceTest {

    private final AccountsFixture fixture = new AccountsFixture();
    private final SessionService sessions = fixture.sessions;

    @AfterEach
    void close() {
        fixture.close();
    }

    private StartedSession operatorKey() {
        return sessions.start(Optional.empty(), Optional.of("203.0.113.9"), Optional.of("Firefox"));
    }

    private Instant storedLastSeen(Session session) {
        return Instant.ofEpochMilli(fixture.count("SELECT last_seen_at FROM console_sessions WHERE id = ?", session.id()));
    }

    @Test
    void aSessionIsFoundByItsTokenAndTheStoreHoldsOnlyItsHash() {
        Instant now = fixture.clock.instant();
        StartedSession started = operatorKey();

        Session session = started.session();
        assertThat(started.token()).matches("[A-Za-z0-9_-]{43}");
        assertThat(session.id()).matches("ses_[0-9a-z]{20}").isNotEqualTo(started.token());
        assertThat(session.accountId()).isEmpty();
        assertThat(session.operatorKey()).isTrue();
        assertThat(session.createdAt()).isEqualTo(now);
        assertThat(session.lastSeenAt()).isEqualTo(now);
        assertThat(session.expiresAt()).isEqualTo(now.plus(Duration.ofHours(12)));
        assertThat(sessions.find(started.token())).contains(session);
        assertThat(sessions.find(session.id())).isEmpty();
        assertThat(sessions.find(new Secrets().secret(""))).isEmpty();
        assertThat(sessions.find(null)).isEmpty();
        assertThat(sessions.find("")).isEmpty();
        assertThat(fixture.count("SELECT COUNT(*) FROM console_sessions WHERE token_hash = ?",
                Secrets.sha256Hex(started.token()))).isEqualTo(1);
        String rows = fixture.jdbi().withHandle(handle -> handle.createQuery("SELECT * FROM console_sessions")
                .mapToMap().list().toString());
        assertThat(rows).doesNotContain(started.token()).doesNotContain(session.csrfToken())
                .contains("203.0.113.9", "Firefox");
        assertThat(started.toString()).doesNotContain(started.token()).doesNotContain(session.csrfToken());
    }

    @Test
    void theCsrfTokenBelongsToOneSession() {
        StartedSession one = operatorKey();
        StartedSession two = operatorKey();

        Session found = sessions.find(one.token()).orElseThrow();
        assertThat(found.csrfToken()).matches("[A-Za-z0-9_-]{43}").isEqualTo(one.session().csrfToken())
                .isNotEqualTo(two.session().csrfToken()).isNotEqualTo(one.token());
        assertThat(found.csrfMatches(one.session().csrfToken())).isTrue();
        assertThat(found.csrfMatches(two.session().csrfToken())).isFalse();
        assertThat(found.csrfMatches(one.token())).isFalse();
        assertThat(found.csrfMatches("")).isFalse();
        assertThat(found.csrfMatches(null)).isFalse();
    }

    @Test
    void aSessionUnusedForMoreThan30MinutesEnds() {
        StartedSession started = operatorKey();
        StartedSession idle = operatorKey();

        fixture.clock.advance(Duration.ofMinutes(30));
        assertThat(sessions.find(started.token())).isPresent();
        fixture.clock.advance(Duration.ofMillis(1));
        assertThat(sessions.find(idle.token())).isEmpty();

        fixture.clock.advance(Duration.ofMinutes(30).minusMillis(1));
        assertThat(sessions.find(started.token())).isPresent();
        fixture.clock.advance(Duration.ofMinutes(30).plusMillis(1));
        assertThat(sessions.find(started.token())).isEmpty();
        assertThat(fixture.count("SELECT COUNT(*) FROM console_sessions")).isZero();
    }

    @Test
    void aSessionEnds12HoursAfterItBeganHoweverOftenUsed() {
        StartedSession started = operatorKey();

        for (int i = 0; i < 71; i++) {
            fixture.clock.advance(Duration.ofMinutes(10));
            assertThat(sessions.find(started.token())).as("after %d minutes", (i + 1) * 10).isPresent();
        }
        fixture.clock.advance(Duration.ofMinutes(10).minusMillis(1));
        assertThat(sessions.find(started.token())).isPresent();
        fixture.clock.advance(Duration.ofMillis(1));

        assertThat(sessions.find(started.token())).isEmpty();
    }

    @Test
    void theLastUseIsWrittenAtMostOnceAMinute() {
        StartedSession started = operatorKey();
        Instant began = fixture.clock.instant();

        fixture.clock.advance(Duration.ofSeconds(59));
        assertThat(sessions.find(started.token()).orElseThrow().lastSeenAt()).isEqualTo(began);
        assertThat(storedLastSeen(started.session())).isEqualTo(began);

        fixture.clock.advance(Duration.ofSeconds(1));
        Instant touched = fixture.clock.instant();
        assertThat(sessions.find(started.token()).orElseThrow().lastSeenAt()).isEqualTo(touched);
        assertThat(storedLastSeen(started.session())).isEqualTo(touched);

        fixture.clock.advance(Duration.ofSeconds(30));
        assertThat(sessions.find(started.token()).orElseThrow().lastSeenAt()).isEqualTo(touched);
        assertThat(storedLastSeen(started.session())).isEqualTo(touched);
    }

    @Test
    void signingOutEndsOneSession() {
        StartedSession one = operatorKey();
        StartedSession two = operatorKey();

        sessions.end(one.token());
        sessions.end("not a token");
        sessions.end(null);

        assertThat(sessions.find(one.token())).isEmpty();
        assertThat(sessions.find(two.token())).isPresent();
    }

    @Test
    void signingOutEverywhereEndsTheSessionsOfOneAccountOrOfTheOperatorKey() {
        String alice = fixture.accounts.invite(AccountsFixture.OPERATOR, "alice@example.com", "Alice",
                java.util.List.of()).account().id();
        String bob = fixture.accounts.invite(AccountsFixture.OPERATOR, "bob@example.com", "Bob",
                java.util.List.of()).account().id();
        StartedSession aliceOne = sessions.start(Optional.of(alice), Optional.empty(), Optional.empty());
        StartedSession aliceTwo = sessions.start(Optional.of(alice), Optional.empty(), Optional.empty());
        StartedSession bobs = sessions.start(Optional.of(bob), Optional.empty(), Optional.empty());
        StartedSession keyOne = operatorKey();
        StartedSession keyTwo = operatorKey();

        assertThat(sessions.endAll(Optional.of(alice))).isEqualTo(2);
        assertThat(sessions.find(aliceOne.token())).isEmpty();
        assertThat(sessions.find(aliceTwo.token())).isEmpty();
        assertThat(sessions.find(keyOne.token())).isPresent();

        assertThat(sessions.endAll(Optional.empty())).isEqualTo(2);
        assertThat(sessions.find(keyOne.token())).isEmpty();
        assertThat(sessions.find(keyTwo.token())).isEmpty();
        assertThat(sessions.find(bobs.token()).orElseThrow().accountId()).contains(bob);
        assertThat(sessions.endAll(Optional.of(alice))).isZero();
    }

    @Test
    void expiredSessionsAreDeletedWhenAnotherStarts() {
        operatorKey();
        fixture.clock.advance(Duration.ofMinutes(20));
        StartedSession recent = operatorKey();
        fixture.clock.advance(Duration.ofMinutes(15));

        operatorKey();

        assertThat(fixture.count("SELECT COUNT(*) FROM console_sessions")).isEqualTo(2);
        assertThat(sessions.find(recent.token())).isPresent();
    }
}
