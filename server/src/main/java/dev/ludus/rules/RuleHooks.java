package dev.ludus.rules;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * What the rule routes do for one kind beyond storing its rules: work in the transaction that creates
 * or restores a rule (a backfill), what a PUT answer (or its dry run) adds, which rules a caller may see and what their
 * views add, and which of the generic routes the kind serves itself. Every method has a default that
 * does nothing; a kind without hooks is registered with {@link #none()}.
 *
 * @param <R> the kind's rule
 */
public interface RuleHooks<R> {

    /** The generic routes of a kind: {@code GET /v1/<collection>}, and GET, PUT and DELETE of one rule. */
    enum Route { LIST, GET, PUT, DELETE }

    /**
     * The routes this kind serves itself (registered by its own routes); the generic ones are not
     * registered for it.
     */
    default Set<Route> takesOver() {
        return Set.of();
    }

    /** The work of one PUT in {@code applicationId}, made for that request only. */
    default Put<R> put(String applicationId) {
        return new Put<>() { };
    }

    /** What one GET (of a rule or of a page) shows {@code caller}, made for that request only. */
    default Read<R> read(RuleAccess.Caller caller) {
        return new Read<>() { };
    }

    /** One PUT's work. */
    interface Put<R> {

        /**
         * In the transaction that creates or restores {@code rule} (not when an active rule changes or
         * stays the same); a throw rolls the PUT back. A dry run ({@code ?dry_run=true}) calls it too,
         * in a transaction that is then rolled back: it must act only through {@code handle}, and leave
         * anything outside the store to {@link #answer}.
         */
        default void created(Handle handle, R rule, Instant now) {
        }

        /** After the commit: adds to the answer, {@code view} of the rule as stored. */
        default void answer(RuleService.Put<R> put, ObjectNode view) {
        }

        /**
         * In a dry run, instead of {@link #answer}: adds to {@code view} of the rule as it would be
         * stored what {@link #answer} would add, without writing anything (a backfill is counted, not
         * run). {@link #created} has run in the rolled-back transaction when the rule would be new.
         */
        default void preview(RuleService.Put<R> put, ObjectNode view) {
        }
    }

    /** One read's view of the rules. */
    interface Read<R> {

        /** False to hide the rule: a page skips it, a GET of it answers 404. */
        default boolean visible(StoredRule<R> rule) {
            return true;
        }

        /** Adds to the view of a rule read by its key. */
        default void one(StoredRule<R> rule, ObjectNode view) {
        }

        /** Adds to the view of a rule in a page. */
        default void listed(StoredRule<R> rule, ObjectNode view) {
        }
    }

    /** Hooks that do nothing. */
    static <R> RuleHooks<R> none() {
        return new RuleHooks<>() { };
    }
}
