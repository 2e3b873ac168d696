package dev.ludus.store.copy;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A table's row count and checksum: SHA-256 over every row in primary-key order, each column's value
 * converted to its {@link ColumnType}'s Java value and fed in its normalised form (a null marker, or
 * the length and UTF-8 bytes of one canonical spelling). Both sides are read and summed by this one
 * class, so that equal checksums mean equal values in equal order. Text keys are ordered by their
 * bytes on both sides: SQLite's BINARY collation, {@code COLLATE "C"} on PostgreSQL, whatever the
 * database's own collation.
 */
public record TableChecksum(long rows, String digest) {

    /** The first 16 hexadecimal digits, enough to tell two checksums apart in a printed table. */
    public String shortDigest() {
        return digest.substring(0, 16);
    }

    /** Which store a connection reads: the reading of values and the ordering of text differ. */
    enum Side {
        SQLITE, POSTGRESQL
    }

    static TableChecksum of(Connection connection, Side side, Table table) throws SQLException {
        MessageDigest digest = sha256();
        long rows = 0;
        List<Table.Column> columns = table.columns();
        try (Statement statement = connection.createStatement()) {
            statement.setFetchSize(5_000);
            try (ResultSet row = statement.executeQuery("SELECT " + table.columnList() + " FROM "
                    + Table.quote(table.name()) + orderBy(table, side))) {
                while (row.next()) {
                    for (int index = 0; index < columns.size(); index++) {
                        Table.Column column = columns.get(index);
                        Object value = side == Side.SQLITE
                                ? column.type().fromSqlite(row, index + 1, table.name(), column.name())
                                : column.type().fromPostgresql(row, index + 1);
                        column.type().digest(digest, value);
                    }
                    rows++;
                }
            }
        }
        return new TableChecksum(rows, HexFormat.of().formatHex(digest.digest()));
    }

    /** {@code ORDER BY} the table's key, text compared by its bytes on both sides. */
    static String orderBy(Table table, Side side) {
        return " ORDER BY " + table.orderColumns().stream()
                .map(column -> Table.quote(column.name())
                        + (side == Side.POSTGRESQL && column.type() == ColumnType.TEXT ? " COLLATE \"C\"" : ""))
                .collect(Collectors.joining(", "));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
