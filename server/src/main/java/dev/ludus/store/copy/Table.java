package dev.ludus.store.copy;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A table of the target as a copy sees it: its columns in their order, with the kind each is converted
 * to, and its primary key, the order in which both sides are read for the checksum.
 */
record Table(String name, List<Column> columns, List<String> primaryKey) {

    /** A column; {@code generated} when PostgreSQL fills it from a sequence (an identity or serial column). */
    record Column(String name, ColumnType type, boolean identity, boolean generated) { }

    Table {
        columns = List.copyOf(columns);
        primaryKey = List.copyOf(primaryKey);
    }

    /** The quoted column list, {@code "a", "b"}. */
    String columnList() {
        return columns.stream().map(column -> quote(column.name())).collect(Collectors.joining(", "));
    }

    /** True when PostgreSQL refuses a value for a column unless told {@code OVERRIDING SYSTEM VALUE}. */
    boolean hasIdentity() {
        return columns.stream().anyMatch(Column::identity);
    }

    /** The columns that the key orders by: the primary key, or every column of a table without one. */
    List<Column> orderColumns() {
        if (primaryKey.isEmpty()) {
            return columns;
        }
        return primaryKey.stream()
                .map(key -> columns.stream().filter(column -> column.name().equals(key)).findFirst().orElseThrow())
                .toList();
    }

    static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}
