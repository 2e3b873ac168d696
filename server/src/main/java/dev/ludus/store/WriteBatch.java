package dev.ludus.store;

import dev.ludus.http.ApiException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The transaction a work runs in: its handle, and values remembered for the rest of the batch
 * (such as an application's rules, read once per transaction instead of once per work), and
 * actions to run once it has committed. Confined to the writer thread.
 */
public final class WriteBatch {

    private static final Logger LOG = LoggerFactory.getLogger(WriteBatch.class);

    private final Handle handle;
    private final WriterStatements statements;
    private final Map<Object, Object> memos = new java.util.HashMap<>();
    private final List<Runnable> afterCommit = new ArrayList<>();
    private final List<Runnable> afterCommitAsync = new ArrayList<>();

    WriteBatch(Handle handle, WriterStatements statements) {
        this.handle = handle;
        this.statements = statements;
    }

    /**
     * The transaction's Jdbi handle. Rows deferred with {@link #defer} are not written yet:
     * {@link #flush} first where a statement on the handle could meet them.
     */
    public Handle handle() {
        return handle;
    }

    /** Runs a query in the transaction with plain JDBC (a statement the writer keeps prepared). */
    public void query(String sql, Sql.RowReader reader, Object... values) {
        statements.query(sql, reader, values);
    }

    /** Runs a write now, in the transaction, with plain JDBC; answers the rows it changed. */
    public int update(String sql, Object... values) {
        return statements.update(sql, values);
    }

    /**
     * Writes a row just before the batch commits, in one JDBC batch with the other rows of the same
     * statement. Reads in this batch do not see it until then (or until {@link #flush}); the
     * caller keeps what it needs to know in {@link #memo}. A row must not depend on a statement
     * run later in the batch, since rows of one statement are sent together.
     */
    public void defer(String sql, Object... values) {
        statements.defer(sql, values);
    }

    /** Writes the deferred rows now, for a statement that must see them or must come after them. */
    public void flush() {
        statements.flush();
    }

    /** Forgets what was remembered under {@code key}. */
    public void forget(Object key) {
        memos.remove(key);
    }

    /** Remembers {@code value} under {@code key} for the rest of the batch. */
    public void remember(Object key, Object value) {
        memos.put(key, value);
    }

    /** The value remembered under {@code key}, or null. */
    @SuppressWarnings("unchecked")
    public <T> T remembered(Object key) {
        return (T) memos.get(key);
    }

    /** The value remembered under {@code key} in this batch, computed by {@code compute} the first time. */
    @SuppressWarnings("unchecked")
    public <T> T memo(Object key, java.util.function.Supplier<T> compute) {
        Object value = memos.get(key);
        if (value == null) {
            value = compute.get();
            memos.put(key, value);
        }
        return (T) value;
    }

    /**
     * Runs {@code action} on the writer thread right after this batch commits, after the actions
     * registered before it; batches of one writer commit in order, so their actions run in commit
     * order. Dropped when the batch rolls back (its works then run again and register anew) and
     * when the work that registered it is refused with an {@link ApiException}. An
     * action that fails is logged and does not stop the others.
     */
    public void afterCommit(Runnable action) {
        afterCommit.add(action);
    }

    /**
     * Runs {@code action} after this batch has committed (and its commit is durable), off the writer
     * thread, on a virtual thread of its own: for a listener that may be slow or fail, such as an index
     * in Redis. Actions of different works and batches run in no particular order. The work that
     * registered it is answered once its actions have run, or after {@link GroupCommit#ASYNC_ACTION_WAIT}
     * when they take longer (they go on). Dropped as {@link #afterCommit} actions are; a failure is logged.
     */
    public void afterCommitAsync(Runnable action) {
        afterCommitAsync.add(action);
    }

    /** How many after-commit actions are registered; {@link #dropActionsFrom} takes it back to this mark. */
    Mark actionMark() {
        return new Mark(afterCommit.size(), afterCommitAsync.size());
    }

    /** Positions in the lists of after-commit actions. */
    record Mark(int actions, int asyncActions) { }

    /** Forgets the actions registered since {@code mark} (those of a work that was refused). */
    void dropActionsFrom(Mark mark) {
        afterCommit.subList(mark.actions(), afterCommit.size()).clear();
        afterCommitAsync.subList(mark.asyncActions(), afterCommitAsync.size()).clear();
    }

    /** The asynchronous actions registered from {@code from} up to {@code to}, as a copy. */
    List<Runnable> asyncActions(Mark from, Mark to) {
        return List.copyOf(afterCommitAsync.subList(from.asyncActions(), to.asyncActions()));
    }

    /** Runs actions one after the other, logging the failures. */
    static void runEach(List<Runnable> actions) {
        for (Runnable action : actions) {
            try {
                action.run();
            } catch (RuntimeException e) {
                LOG.error("an action after a commit failed", e);
            }
        }
    }

    void runAfterCommit() {
        runEach(afterCommit);
    }
}
