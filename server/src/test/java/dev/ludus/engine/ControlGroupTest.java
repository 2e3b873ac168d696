package dev.ludus.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The control group's split: stable, of the share asked, growing only by adding users, per application. */
class ControlGroupTest {

    private static final int USERS = 100_000;

    private static int heldOut(int percent, String application) {
        int count = 0;
        for (int i = 0; i < USERS; i++) {
            if (ControlGroup.holdsOut(percent, application, "user_" + i)) {
                count++;
            }
        }
        return count;
    }

    @Test
    void aUsersPlaceIsFixedByTheIdsAlone() {
        int place = ControlGroup.place("app_1", "ana");
        assertThat(place).isBetween(0, ControlGroup.PLACES - 1);
        for (int i = 0; i < 3; i++) {
            assertThat(ControlGroup.place("app_1", "ana")).isEqualTo(place);
        }
        // the separator keeps ("app_1", "0ana") and ("app_10", "ana") apart
        assertThat(ControlGroup.place("app_1", "0ana")).isNotEqualTo(ControlGroup.place("app_10", "ana"));
    }

    @Test
    void theShareHeldOutIsTheShareAskedWithinHalfAPercent() {
        assertThat(heldOut(0, "app_1")).isZero();
        assertThat(heldOut(100, "app_1")).isEqualTo(USERS);
        for (int percent : new int[] {1, 10, 25, 50}) {
            assertThat(heldOut(percent, "app_1")).as("%d %%", percent)
                    .isBetween(USERS * percent / 100 - USERS / 200, USERS * percent / 100 + USERS / 200);
        }
    }

    @Test
    void raisingTheShareOnlyAddsUsersAndApplicationsSplitIndependently() {
        int both = 0;
        for (int i = 0; i < USERS; i++) {
            String user = "user_" + i;
            if (ControlGroup.holdsOut(10, "app_1", user)) {
                assertThat(ControlGroup.holdsOut(20, "app_1", user)).as(user).isTrue();
            }
            if (!ControlGroup.holdsOut(20, "app_1", user)) {
                assertThat(ControlGroup.holdsOut(10, "app_1", user)).as(user).isFalse();
            }
            if (ControlGroup.holdsOut(10, "app_1", user) && ControlGroup.holdsOut(10, "app_2", user)) {
                both++;
            }
        }
        // independent splits hold out 1 % of users in both (10 % of 10 %), not 10 %
        assertThat(both).isBetween(USERS / 100 - USERS / 500, USERS / 100 + USERS / 500);
        assertThatThrownBy(() -> ControlGroup.holdsOut(101, "app_1", "ana")).isInstanceOf(IllegalArgumentException.class);
    }
}
