package dev.ludus.store;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Optional;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * A failure of the store itself rather than of the request: its disk is full, or it cannot be
 * reached. Read off the {@link SQLException} anywhere in a failure's cause chain, so that every
 * route, not only the event path, can answer it as the outage it is (503 with {@code Retry-After})
 * instead of an internal error.
 *
 * @param diskFull true when the store is out of space (SQLite {@code SQLITE_FULL}, PostgreSQL
 *     class 53), false when it is unreachable (no connection, shutting down)
 * @param reason what happened, for logs and answers; never contains request data
 */
public record StoreOutage(boolean diskFull, String reason) {

    /** The outage behind {@code failure}, if the failure is one. */
    public static Optional<StoreOutage> of(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLiteException sqlite) {
                SQLiteErrorCode code = sqlite.getResultCode();
                if (code == SQLiteErrorCode.SQLITE_FULL || code.code == SQLiteErrorCode.SQLITE_IOERR.code
                        || (code.code & 0xff) == SQLiteErrorCode.SQLITE_IOERR.code) {
                    return Optional.of(new StoreOutage(true, "the store cannot write to its disk (full, or failing)"));
                }
            } else if (cause instanceof SQLTransientConnectionException) {
                return Optional.of(new StoreOutage(false, "no connection to the store is available"));
            } else if (cause instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                if (state.startsWith("53")) {
                    return Optional.of(new StoreOutage(true, "the store is out of disk space or memory"));
                }
                if (state.startsWith("08") || state.startsWith("57P")) {
                    return Optional.of(new StoreOutage(false, "the store cannot be reached"));
                }
            }
        }
        return Optional.empty();
    }
}
