package dev.ludus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The composition root's closer: last started, first closed; a failing close stops nothing. */
class CloserTest {

    @Test
    void closesInReverseOrderOfRegistration() {
        List<String> closed = new ArrayList<>();
        Closer closer = new Closer();
        closer.add("store", "store", () -> closed.add("store"));
        closer.add("writers", "writers", () -> closed.add("writers"));
        closer.add("listener", "listener", () -> closed.add("listener"));

        closer.close();

        assertThat(closed).containsExactly("listener", "writers", "store");
    }

    @Test
    void keepsClosingPastFailuresAndReportsTheFirstWithTheOthersSuppressed() {
        List<String> closed = new ArrayList<>();
        Closer closer = new Closer();
        closer.add("store", "store", () -> closed.add("store"));
        closer.add("writers", "writers", () -> {
            throw new java.io.IOException("writers stuck");
        });
        closer.add("listener", "listener", () -> {
            throw new IllegalStateException("listener stuck");
        });

        assertThatThrownBy(closer::close)
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("listener stuck")
                .satisfies(e -> assertThat(e.getSuppressed()).singleElement()
                        .satisfies(suppressed -> assertThat(suppressed).hasMessage("writers stuck")));
        assertThat(closed).containsExactly("store");
    }

    @Test
    void closesEachThingOnce() {
        List<String> closed = new ArrayList<>();
        Closer closer = new Closer();
        closer.add("store", "store", () -> closed.add("store"));

        closer.close();
        closer.close();

        assertThat(closed).containsExactly("store");
    }

    @Test
    void aFailedStartKeepsItsCauseAndCarriesTheCloseFailures() {
        Closer closer = new Closer();
        closer.add("store", "store", () -> {
            throw new IllegalStateException("store stuck");
        });
        RuntimeException cause = new IllegalStateException("cannot listen");

        closer.closeAfter(cause);

        assertThat(cause.getSuppressed()).singleElement()
                .satisfies(suppressed -> assertThat(suppressed).hasMessage("store stuck"));
    }
}
