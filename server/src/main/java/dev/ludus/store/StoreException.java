package dev.ludus.store;

import java.sql.SQLException;

/** A statement the store refused or could not run; the {@link SQLException} is the cause. */
public final class StoreException extends RuntimeException {

    StoreException(String sql, SQLException cause) {
        super("statement failed (" + cause.getMessage() + "): " + firstLine(sql), cause);
    }

    private static String firstLine(String sql) {
        String trimmed = sql.strip();
        int end = trimmed.indexOf('\n');
        return end < 0 ? trimmed : trimmed.substring(0, end) + " ...";
    }
}
