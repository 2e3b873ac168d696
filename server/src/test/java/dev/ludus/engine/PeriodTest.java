package dev.ludus.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** Period math in a board's timezone: pure, no server. */
class PeriodTest {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    @Test
    void daylightSavingDayInParisLasts23Hours() {
        Period day = Period.containing(PeriodKind.DAILY, PARIS, DayOfWeek.MONDAY, LocalDate.parse("2026-03-29"));

        assertThat(day.key()).isEqualTo("2026-03-29");
        assertThat(day.start()).contains(Instant.parse("2026-03-28T23:00:00Z"));
        assertThat(Duration.between(day.start().orElseThrow(), day.end().orElseThrow())).isEqualTo(Duration.ofHours(23));
    }

    @Test
    void autumnChangeDayInParisLasts25Hours() {
        Period day = Period.containing(PeriodKind.DAILY, PARIS, DayOfWeek.MONDAY, LocalDate.parse("2026-10-25"));

        assertThat(Duration.between(day.start().orElseThrow(), day.end().orElseThrow())).isEqualTo(Duration.ofHours(25));
    }

    @Test
    void weekIsKeyedByItsFirstDay() {
        Instant wednesday = Instant.parse("2026-12-02T12:00:00Z");

        assertThat(Period.at(PeriodKind.WEEKLY, ZoneId.of("UTC"), DayOfWeek.MONDAY, wednesday).key())
                .isEqualTo("2026-11-30");
        assertThat(Period.at(PeriodKind.WEEKLY, ZoneId.of("UTC"), DayOfWeek.SUNDAY, wednesday).key())
                .isEqualTo("2026-11-29");
        assertThat(Period.at(PeriodKind.WEEKLY, ZoneId.of("UTC"), DayOfWeek.WEDNESDAY, wednesday).key())
                .isEqualTo("2026-12-02");
    }

    @Test
    void monthEndsAtTheNextMonthsLocalMidnight() {
        Period february = Period.at(PeriodKind.MONTHLY, PARIS, DayOfWeek.MONDAY, Instant.parse("2028-02-29T22:59:59Z"));
        Period march = Period.at(PeriodKind.MONTHLY, PARIS, DayOfWeek.MONDAY, Instant.parse("2028-02-29T23:00:00Z"));

        assertThat(february.key()).isEqualTo("2028-02");
        assertThat(february.end()).contains(Instant.parse("2028-02-29T23:00:00Z"));
        assertThat(march.key()).isEqualTo("2028-03");
        assertThat(march.start()).isEqualTo(february.end());
    }

    @Test
    void localMidnightDecidesTheDayNotUtc() {
        Instant tokyoMorning = Instant.parse("2026-12-01T16:00:00Z");

        assertThat(Period.at(PeriodKind.DAILY, ZoneId.of("Asia/Tokyo"), DayOfWeek.MONDAY, tokyoMorning).key())
                .isEqualTo("2026-12-02");
        assertThat(Period.at(PeriodKind.DAILY, ZoneId.of("UTC"), DayOfWeek.MONDAY, tokyoMorning).key())
                .isEqualTo("2026-12-01");
    }

    @Test
    void allTimeNeverEnds() {
        Period all = Period.at(PeriodKind.ALL_TIME, PARIS, DayOfWeek.MONDAY, Instant.EPOCH);

        assertThat(all.key()).isEqualTo("all");
        assertThat(all.endedAt(Instant.MAX)).isFalse();
        assertThat(all.holds(Instant.EPOCH)).isTrue();
    }
}
