package dev.ludus.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ScopeTest {

    @Test
    void adminGrantsEveryScope() {
        for (Scope scope : Scope.values()) {
            assertThat(Scope.ADMIN.grants(scope)).isTrue();
        }
    }

    @Test
    void usersScopesGrantTheirOwnKind() {
        assertThat(Scope.USERS_WRITE.grants(Scope.WRITE)).isTrue();
        assertThat(Scope.USERS_WRITE.grants(Scope.READ)).isFalse();
        assertThat(Scope.USERS_READ.grants(Scope.READ)).isTrue();
        assertThat(Scope.USERS_READ.grants(Scope.WRITE)).isFalse();
        assertThat(Scope.USERS_READ.grants(Scope.USERS_WRITE)).isFalse();
    }

    @Test
    void readAndWriteGrantNothingElse() {
        assertThat(Scope.READ.grants(Scope.WRITE)).isFalse();
        assertThat(Scope.WRITE.grants(Scope.READ)).isFalse();
        assertThat(Scope.WRITE.grants(Scope.ADMIN)).isFalse();
        assertThat(Scope.READ.grants(Scope.USERS_READ)).isFalse();
    }

    @Test
    void parsingKeepsKnownNamesAndDropsOthers() {
        assertThat(Scope.parseKnown(List.of("write", "bogus", "admin"))).containsExactly(Scope.WRITE, Scope.ADMIN);
        assertThat(Scope.parseKnown(List.of("ADMIN"))).isEmpty();
    }
}
