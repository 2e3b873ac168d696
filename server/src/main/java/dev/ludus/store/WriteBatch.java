package dev.ludus.store;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The unit of work of one {@link GroupCommit} batch, the one owner of its transaction: the
 * statements its works run, the values they remember for the rest of the batch (such as an
 * application's rules, read once per transaction instead of once per work), and the actions to run
 * once it has committed.
 *
 * <p>Writes: {@link #write} defers a row to the commit, where rows of one statement go out in one
 * JDBC batch. No work has to remember that: before any later statement of the batch that could meet
 * waiting rows ({@link #query}, {@link #handle()}'s statements), they are sent by themselves, so
 * every statement sees the batch's earlier writes, in order. Statements that need an answer (a row
 * count, a conflict) run on the {@link #handle()}.
 *
 * <p>Confined to the writer thread.
 */
public final class WriteBatch {

    /**
     * The key of a kind of value a batch remembers, typed by the value: one constant per kind,
     * combined with an id (an application, a user) at each use.
     */
    public static final class Memo<T> {
        private final String name;

        private Memo(String name) {
            this.name = name;
        }

        /** A new kind of remembered value; {@code name} is for debugging only (keys compare by identity). */
        public static <T> Memo<T> named(String name) {
            return new Memo<>(name);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private record Slot(Memo<?> memo, Object id) { }

    private static final Logger LOG = LoggerFactory.getLogger(WriteBatch.class);

    private final Handle handle;
    private final WriterStatements statements;
    private final Map<Slot, Object> memos = new HashMap<>();
    private final List<Runnable> beforeCommit = new ArrayList<>();
    private final List<Runnable> afterCommit = new ArrayList<>();
    private final List<Runnable> afterCommitAsync = new ArrayList<>();

    WriteBatch(Handle handle, WriterStatements statements) {
        this.handle = handle;
        this.statements = statements;
    }

    /**
     * The transaction's Jdbi handle, for statements that need an answer. Each of its statements first
     * sends the batch's waiting rows that it could meet.
     */
    public Handle handle() {
        return handle;
    }

    /**
     * Runs a query in the transaction with plain JDBC (a statement the writer keeps prepared), after
     * sending the batch's waiting rows that it could meet.
     */
    public void query(String sql, Sql.RowReader reader, Object... values) {
        statements.query(sql, reader, values);
    }

    /**
     * {@link #query}, reading the rows as they stood before this batch's waiting rows: for a read of
     * rows this batch has not written, where sending the waiting rows first would only cost their
     * batching (the first read of a user whose writes the batch then keeps in a {@link Memo}).
     */
    public void queryBeforeWrites(String sql, Sql.RowReader reader, Object... values) {
        statements.queryAsCommitted(sql, reader, values);
    }

    /**
     * Writes a row ({@code INSERT}, {@code UPDATE} or {@code DELETE} of one table) in this
     * transaction: sent with the other rows of the same statement in one JDBC batch, before the
     * commit or before the first later statement that could meet it.
     */
    public void write(String sql, Object... values) {
        statements.defer(sql, values);
    }

    /** The value remembered under {@code memo} and {@code id}, if any. */
    @SuppressWarnings("unchecked")
    public <T> java.util.Optional<T> remembered(Memo<T> memo, Object id) {
        return java.util.Optional.ofNullable((T) memos.get(new Slot(memo, id)));
    }

    /** Remembers {@code value} under {@code memo} and {@code id} for the rest of the batch. */
    public <T> void remember(Memo<T> memo, Object id, T value) {
        memos.put(new Slot(memo, id), Objects.requireNonNull(value, "value"));
    }

    /** Forgets what was remembered under {@code memo} and {@code id}. */
    public void forget(Memo<?> memo, Object id) {
        memos.remove(new Slot(memo, id));
    }

    /** The value remembered under {@code memo} and {@code id}, computed by {@code compute} the first time. */
    @SuppressWarnings("unchecked")
    public <T> T memo(Memo<T> memo, Object id, Supplier<T> compute) {
        Slot slot = new Slot(memo, id);
        Object value = memos.get(slot);
        if (value == null) {
            value = Objects.requireNonNull(compute.get(), "a remembered value");
            memos.put(slot, value);
        }
        return (T) value;
    }

    /**
     * Runs {@code action} on the writer thread once every work of this batch has run, inside its
     * transaction, before the waiting rows are sent and the batch commits, in the order registered:
     * for what sums up several works (counters, a notification to other nodes), written once per batch
     * instead of once per work. The action may {@link #write} (and register further actions). Dropped
     * with the work that registered it when that work is refused; an action that throws fails the
     * batch, as a statement would.
     */
    public void beforeCommit(Runnable action) {
        beforeCommit.add(action);
    }

    /**
     * Runs {@code action} on the writer thread right after this batch commits, after the actions
     * registered before it; batches of one writer commit in order, so their actions run in commit
     * order. Dropped when the batch rolls back (its works then run again and register anew) and
     * when the work that registered it is refused. An action that fails is logged and does not stop
     * the others.
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

    /** Runs the before-commit actions, then sends every waiting row (before the commit). */
    void flush() {
        for (int i = 0; i < beforeCommit.size(); i++) {
            beforeCommit.get(i).run();
        }
        beforeCommit.clear();
        statements.flush();
    }

    /** How many after-commit actions are registered; {@link #dropActionsFrom} takes it back to this mark. */
    Mark actionMark() {
        return new Mark(beforeCommit.size(), afterCommit.size(), afterCommitAsync.size());
    }

    /** Positions in the lists of before- and after-commit actions. */
    record Mark(int beforeActions, int actions, int asyncActions) { }

    /** Forgets the actions registered since {@code mark} (those of a work that was refused). */
    void dropActionsFrom(Mark mark) {
        beforeCommit.subList(mark.beforeActions(), beforeCommit.size()).clear();
        afterCommit.subList(mark.actions(), afterCommit.size()).clear();
        afterCommitAsync.subList(mark.asyncActions(), afterCommitAsync.size()).clear();
    }

    /** Each work's asynchronous actions, from the marks taken before each work ran. */
    List<List<Runnable>> asyncActionsByWork(Mark[] marks) {
        Mark end = actionMark();
        if (marks.length == 0 || end.asyncActions() == 0) {
            return java.util.Collections.nCopies(marks.length, List.of());
        }
        List<List<Runnable>> byWork = new ArrayList<>(marks.length);
        for (int i = 0; i < marks.length; i++) {
            Mark next = i + 1 < marks.length ? marks[i + 1] : end;
            byWork.add(List.copyOf(afterCommitAsync.subList(marks[i].asyncActions(), next.asyncActions())));
        }
        return byWork;
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
