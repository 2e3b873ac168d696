package dev.ludus.store.copy;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The kinds of PostgreSQL column a copy knows how to fill from SQLite, by the column's type on the
 * target. Each kind converts what SQLite hands back ({@link #fromSqlite}: SQLite stores a value in one
 * of five storage classes whatever the declared type) into one Java value, binds it, reads it back from
 * PostgreSQL ({@link #fromPostgresql}), and feeds its normalised form to a checksum ({@link #digest}),
 * so that both sides of a copy are summed from the same values. A value that does not convert exactly
 * (text in an integer column, a fraction in an integer column) stops the copy: nothing is rounded or
 * guessed. A column type not listed here stops it before anything is written.
 */
enum ColumnType {

    /** smallint, integer, bigint: Ludus's instants (epoch ms), amounts (millionths), flags (0/1), counters. */
    INTEGER {
        @Override
        Object convert(Object value) {
            if (value instanceof Integer || value instanceof Long) {
                return ((Number) value).longValue();
            }
            return null;
        }

        @Override
        Object fromPostgresql(ResultSet row, int index) throws SQLException {
            long value = row.getLong(index);
            return row.wasNull() ? null : value;
        }

        @Override
        void bind(PreparedStatement statement, int index, Object value) throws SQLException {
            statement.setLong(index, (Long) value);
        }
    },
    /** text, varchar, char: ids, names, and the JSON documents Ludus keeps as text. */
    TEXT {
        @Override
        Object convert(Object value) {
            return value instanceof String ? value : null;
        }

        @Override
        Object fromPostgresql(ResultSet row, int index) throws SQLException {
            return row.getString(index);
        }

        @Override
        void bind(PreparedStatement statement, int index, Object value) throws SQLException {
            statement.setString(index, (String) value);
        }
    },
    /** boolean, from SQLite's 0/1 integers. */
    BOOLEAN {
        @Override
        Object convert(Object value) {
            if ((value instanceof Integer || value instanceof Long) && ((Number) value).longValue() >= 0
                    && ((Number) value).longValue() <= 1) {
                return ((Number) value).longValue() == 1;
            }
            return null;
        }

        @Override
        Object fromPostgresql(ResultSet row, int index) throws SQLException {
            boolean value = row.getBoolean(index);
            return row.wasNull() ? null : value;
        }

        @Override
        void bind(PreparedStatement statement, int index, Object value) throws SQLException {
            statement.setBoolean(index, (Boolean) value);
        }
    },
    /** numeric: exact decimals, from SQLite integers, reals or decimal text. */
    NUMERIC {
        @Override
        Object convert(Object value) {
            try {
                return switch (value) {
                    case Integer number -> BigDecimal.valueOf(number);
                    case Long number -> BigDecimal.valueOf(number);
                    case Double number -> BigDecimal.valueOf(number);
                    case String text -> new BigDecimal(text.strip());
                    default -> null;
                };
            } catch (NumberFormatException e) {
                return null;
            }
        }

        @Override
        Object fromPostgresql(ResultSet row, int index) throws SQLException {
            return row.getBigDecimal(index);
        }

        @Override
        void bind(PreparedStatement statement, int index, Object value) throws SQLException {
            statement.setBigDecimal(index, (BigDecimal) value);
        }

        @Override
        String normalised(Object value) {
            BigDecimal decimal = ((BigDecimal) value).stripTrailingZeros();
            return decimal.signum() == 0 ? "0" : decimal.toPlainString();
        }
    },
    /** real, double precision. */
    FLOAT {
        @Override
        Object convert(Object value) {
            return value instanceof Number number ? number.doubleValue() : null;
        }

        @Override
        Object fromPostgresql(ResultSet row, int index) throws SQLException {
            double value = row.getDouble(index);
            return row.wasNull() ? null : value;
        }

        @Override
        void bind(PreparedStatement statement, int index, Object value) throws SQLException {
            statement.setDouble(index, (Double) value);
        }
    },
    /** bytea, from SQLite blobs. */
    BYTES {
        @Override
        Object convert(Object value) {
            return value instanceof byte[] ? value : null;
        }

        @Override
        Object fromPostgresql(ResultSet row, int index) throws SQLException {
            return row.getBytes(index);
        }

        @Override
        void bind(PreparedStatement statement, int index, Object value) throws SQLException {
            statement.setBytes(index, (byte[]) value);
        }

        @Override
        String normalised(Object value) {
            return HexFormat.of().formatHex((byte[]) value);
        }
    };

    /** The kind of a PostgreSQL column by its {@code udt_name}; {@link CopyException} for any other type. */
    static ColumnType ofPostgresql(String table, String column, String udtName) {
        return switch (udtName.toLowerCase(Locale.ROOT)) {
            case "int2", "int4", "int8" -> INTEGER;
            case "text", "varchar", "bpchar" -> TEXT;
            case "bool" -> BOOLEAN;
            case "numeric" -> NUMERIC;
            case "float4", "float8" -> FLOAT;
            case "bytea" -> BYTES;
            default -> throw new CopyException("the target column " + table + "." + column + " has the type " + udtName
                    + ", which migrate-store does not know how to convert from SQLite");
        };
    }

    /** SQLite's value (as the driver's {@code getObject} answers it) as this kind's Java value, or null when it does not convert. */
    abstract Object convert(Object value);

    /** Reads column {@code index} of an SQLite row as this kind's Java value; {@link CopyException} when it does not convert. */
    final Object fromSqlite(ResultSet row, int index, String table, String column) throws SQLException {
        Object value = row.getObject(index);
        if (value == null) {
            return null;
        }
        Object converted = convert(value);
        if (converted == null) {
            throw new CopyException("cannot copy " + table + "." + column + ": SQLite holds a "
                    + value.getClass().getSimpleName().toLowerCase(Locale.ROOT) + " where the target's column is "
                    + name().toLowerCase(Locale.ROOT));
        }
        return converted;
    }

    /** Reads column {@code index} of a PostgreSQL row as this kind's Java value. */
    abstract Object fromPostgresql(ResultSet row, int index) throws SQLException;

    abstract void bind(PreparedStatement statement, int index, Object value) throws SQLException;

    /** Binds a value that may be null. */
    final void bindNullable(PreparedStatement statement, int index, Object value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.NULL);
        } else {
            bind(statement, index, value);
        }
    }

    /** The value's text in the checksum: one spelling for one value, whichever side it was read from. */
    String normalised(Object value) {
        return value.toString();
    }

    /** Adds a value (null included) to a checksum: a null marker, or a present marker, the length and the UTF-8 bytes. */
    final void digest(MessageDigest digest, Object value) {
        if (value == null) {
            digest.update((byte) 0);
            return;
        }
        byte[] bytes = normalised(value).getBytes(StandardCharsets.UTF_8);
        digest.update((byte) 1);
        digest.update(ByteBuffer.allocate(4).putInt(bytes.length).array());
        digest.update(bytes);
    }
}
