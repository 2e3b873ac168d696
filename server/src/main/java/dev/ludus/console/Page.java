package dev.ludus.console;

import dev.ludus.tenancy.Application;
import java.util.List;
import java.util.Optional;

/**
 * What the layout of every page needs: the title, who is signed in, the CSRF token that forms carry,
 * and where in the console the page is (the application and its section, for the navigation).
 *
 * @param section the navigation entry to mark current: {@code home}, {@code rules}, {@code users},
 *     {@code audit}, {@code settings}, {@code tenants}, {@code accounts}
 * @param notices short confirmations shown once at the top ("Metric saved")
 */
public record Page(String title, Optional<ConsoleUser> user, String csrf, Optional<Application> application,
        String section, List<String> notices) {

    public Page {
        notices = List.copyOf(notices);
    }

    /** A page for someone not signed in (sign-in, set-up). */
    public static Page anonymous(String title, String csrf) {
        return new Page(title, Optional.empty(), csrf, Optional.empty(), "", List.of());
    }

    /** This page, placed in an application's section. */
    public Page in(Application application, String section) {
        return new Page(title, user, csrf, Optional.of(application), section, notices);
    }

    /** This page, placed in a section of the server (no application). */
    public Page in(String section) {
        return new Page(title, user, csrf, application, section, notices);
    }

    /** This page with a confirmation shown at the top. */
    public Page notice(String notice) {
        List<String> more = new java.util.ArrayList<>(notices);
        more.add(notice);
        return new Page(title, user, csrf, application, section, more);
    }

    /** True when the signed-in user may change the page's application (or is an operator off one). */
    public boolean canChange() {
        return user.map(u -> application.map(u::canChange).orElse(u.operator())).orElse(false);
    }

    /** True when the signed-in user is an operator. */
    public boolean operator() {
        return user.map(ConsoleUser::operator).orElse(false);
    }
}
