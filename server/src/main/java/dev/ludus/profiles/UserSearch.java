package dev.ludus.profiles;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;

/**
 * The SQL of the user list ({@code GET /v1/users}): filters and sorts that each use an index of
 * migration V14 (see {@code docs/users.md}). Keyset paging: a page starts after the last sort value
 * and user id of the previous one, so it costs the same on page 1 and page 10,000. Stateless; every
 * method runs on the caller's handle.
 */
public final class UserSearch {

    /**
     * Above every code point: {@code prefix + MAX} bounds the strings that start with {@code prefix}
     * in code point order (U+10FFFF is a noncharacter, kept out of real ids and names).
     */
    private static final String MAX = new String(Character.toChars(Character.MAX_CODE_POINT));

    private final UserStore users;
    /** {@code COLLATE "C"} on PostgreSQL, where prefixes are compared as the V14 indexes order them. */
    private final String codePointOrder;

    /**
     * @param postgresql whether the store is PostgreSQL (prefix comparisons in {@code COLLATE "C"});
     *     SQLite compares in code point order already
     */
    public UserSearch(UserStore users, boolean postgresql) {
        this.users = users;
        this.codePointOrder = postgresql ? " COLLATE \"C\"" : "";
    }

    /** What a list is sorted by, each highest (newest) first, ties by user id, highest first. */
    public enum Sort {
        CREATED_AT("u.created_at"),
        LAST_ACTIVE_AT("u.last_active_at"),
        /** The balance in {@link Filter#pointsSystem}; only users with points in it are listed. */
        BALANCE("p.balance");

        private final String column;

        Sort(String column) {
            this.column = column;
        }
    }

    /** One profile attribute that must have exactly this value. */
    public record Attribute(String name, String value) { }

    /**
     * What to list.
     *
     * @param idPrefix users whose id starts with it (code points, case as written)
     * @param text users whose name or email starts with it, case aside ({@code lower()} of the store)
     * @param pointsSystem the system of {@link Sort#BALANCE}; empty for the other sorts
     */
    public record Filter(Optional<String> idPrefix, Optional<String> text, Optional<Attribute> attribute, Sort sort,
            Optional<String> pointsSystem) {

        public Filter {
            if (pointsSystem.isPresent() != (sort == Sort.BALANCE)) {
                throw new IllegalArgumentException("a points system goes with sort BALANCE, and only with it");
            }
        }
    }

    /** Where a page starts: after the row with this sort value and user id. */
    public record After(long value, String userId) { }

    /** A listed user, with their balance when the list is sorted by balance. */
    public record Found(User user, OptionalLong balance) {

        /** The value the list is sorted by. */
        public long sortValue(Sort sort) {
            return switch (sort) {
                case CREATED_AT -> user.createdAt().toEpochMilli();
                case LAST_ACTIVE_AT -> user.lastActiveAt().toEpochMilli();
                case BALANCE -> balance.orElseThrow();
            };
        }
    }

    /** Up to {@code limit} users of the application that match {@code filter}, in its order, after {@code after}. */
    public List<Found> find(Handle handle, String applicationId, Filter filter, Optional<After> after, int limit) {
        boolean byBalance = filter.sort() == Sort.BALANCE;
        String sortColumn = filter.sort().column;
        String idColumn = byBalance ? "p.user_id" : "u.user_id";
        StringBuilder sql = new StringBuilder("SELECT u.*").append(byBalance ? ", p.balance" : "").append(" FROM ");
        if (byBalance) {
            sql.append("user_points p JOIN users u ON u.application_id = p.application_id AND u.user_id = p.user_id"
                    + " WHERE p.application_id = :application_id AND p.system_key = :system");
        } else {
            sql.append("users u WHERE u.application_id = :application_id");
        }
        filter.idPrefix().ifPresent(prefix -> sql.append(" AND ").append(prefixOf("u.user_id", ":id_low", ":id_high")));
        filter.text().ifPresent(text -> sql.append(" AND (")
                .append(prefixOf("lower(u.email)", "lower(:text)", "lower(:text) || :max"))
                .append(" OR ")
                .append(prefixOf("lower(u.name)", "lower(:text)", "lower(:text) || :max"))
                .append(")"));
        filter.attribute().ifPresent(attribute -> sql.append(" AND u.user_id IN (SELECT a.user_id FROM"
                + " user_attributes a WHERE a.application_id = :application_id AND a.name = :attribute_name"
                + " AND a.value = :attribute_value)"));
        after.ifPresent(start -> sql.append(" AND ").append(sortColumn).append(" <= :after_value AND (")
                .append(sortColumn).append(" < :after_value OR ").append(idColumn).append(" < :after_id)"));
        sql.append(" ORDER BY ").append(sortColumn).append(" DESC, ").append(idColumn).append(" DESC LIMIT :limit");

        Query query = handle.createQuery(sql.toString())
                .bind("application_id", applicationId)
                .bind("limit", limit);
        filter.pointsSystem().ifPresent(system -> query.bind("system", system));
        filter.idPrefix().ifPresent(prefix -> query.bind("id_low", prefix).bind("id_high", prefix + MAX));
        filter.text().ifPresent(text -> query.bind("text", text).bind("max", MAX));
        filter.attribute().ifPresent(attribute -> query.bind("attribute_name", attribute.name())
                .bind("attribute_value", attribute.value()));
        after.ifPresent(start -> query.bind("after_value", start.value()).bind("after_id", start.userId()));
        List<Found> found = new ArrayList<>(limit);
        query.map((rs, ctx) -> new Found(users.user(rs),
                        byBalance ? OptionalLong.of(rs.getLong("balance")) : OptionalLong.empty()))
                .forEach(found::add);
        return found;
    }

    /** {@code expression} starts with the prefix that {@code low} is, below {@code high} (low + MAX). */
    private String prefixOf(String expression, String low, String high) {
        String ordered = expression + codePointOrder;
        return ordered + " >= " + low + " AND " + ordered + " < " + high;
    }
}
