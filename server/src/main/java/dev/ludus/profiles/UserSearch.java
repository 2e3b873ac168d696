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
 * and user id of the previous one, so it costs the same on page 1 and page 10,000. A filtered list
 * first counts each filter's matches (up to {@link #FEW}, through its index) to choose between
 * reading the matches of the selective ones and sorting them, or walking the sort's index. Stateless; every method runs on
 * the caller's handle.
 */
public final class UserSearch {

    /**
     * Above every code point: {@code prefix + MAX} bounds the strings that start with {@code prefix}
     * in code point order (U+10FFFF is a noncharacter, kept out of real ids and names).
     */
    private static final String MAX = new String(Character.toChars(Character.MAX_CODE_POINT));

    /**
     * Below this many matches a filtered list is read through the filters' indexes and sorted;
     * from it on, through the sort's index, checking each row (a page then reads about
     * {@code limit * users / matches} rows, at most about 20,000 at 1,000,000 users).
     */
    static final int FEW = 5_000;

    private final UserStore users;
    /** {@code COLLATE "C"} on PostgreSQL, where prefixes are compared as the V14 indexes order them. */
    private final String codePointOrder;
    /**
     * SQLite's planner, without statistics, prefers the index that gives the order: a unary
     * {@code +} keeps it off an index, to choose between filters and sort from the count of matches.
     * PostgreSQL plans from its statistics: nothing.
     */
    private final String unindexed;
    private final int few;

    /**
     * @param postgresql whether the store is PostgreSQL (prefix comparisons in {@code COLLATE "C"});
     *     SQLite compares in code point order already
     */
    public UserSearch(UserStore users, boolean postgresql) {
        this(users, postgresql, FEW);
    }

    /** @param few below how many matches a filter leads the query ({@link #FEW}; tests move it) */
    UserSearch(UserStore users, boolean postgresql, int few) {
        this.users = users;
        this.codePointOrder = postgresql ? " COLLATE \"C\"" : "";
        this.unindexed = postgresql ? "" : "+";
        this.few = few;
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
        Drivers drivers = drivers(handle, applicationId, filter);
        boolean byFilter = drivers.any();
        boolean byBalance = filter.sort() == Sort.BALANCE;
        String sortColumn = filter.sort().column;
        String idColumn = byBalance ? "p.user_id" : "u.user_id";
        String sortBy = byFilter ? unindexed : "";
        StringBuilder sql = new StringBuilder("SELECT u.*").append(byBalance ? ", p.balance" : "").append(" FROM ");
        if (byBalance) {
            // SQLite joins in the written order after CROSS JOIN: from the matches, or along the balances
            sql.append(byFilter ? "users u CROSS JOIN user_points p" : "user_points p CROSS JOIN users u")
                    .append(" WHERE u.application_id = p.application_id AND u.user_id = p.user_id"
                            + " AND p.application_id = :application_id AND p.system_key = :system");
        } else {
            sql.append("users u WHERE u.application_id = :application_id");
        }
        appendFilters(sql, filter, drivers);
        after.ifPresent(start -> sql.append(" AND ").append(sortBy).append(sortColumn).append(" <= :after_value AND (")
                .append(sortBy).append(sortColumn).append(" < :after_value OR ").append(sortBy).append(idColumn)
                .append(" < :after_id)"));
        sql.append(" ORDER BY ").append(sortBy).append(sortColumn).append(" DESC, ")
                .append(sortBy).append(idColumn).append(" DESC LIMIT :limit");

        Query query = bindFilters(handle.createQuery(sql.toString()), applicationId, filter).bind("limit", limit);
        filter.pointsSystem().ifPresent(system -> query.bind("system", system));
        after.ifPresent(start -> query.bind("after_value", start.value()).bind("after_id", start.userId()));
        List<Found> found = new ArrayList<>(limit);
        int controlGroupPercent = users.controlGroupPercent(handle, applicationId);
        query.map((rs, ctx) -> new Found(users.user(rs, controlGroupPercent),
                        byBalance ? OptionalLong.of(rs.getLong("balance")) : OptionalLong.empty()))
                .forEach(found::add);
        return found;
    }

    /** Which filters may lead the query: those with fewer than {@code few} matches. */
    private record Drivers(boolean id, boolean text, boolean attribute) {
        boolean any() {
            return id || text || attribute;
        }
    }

    /** Counts each filter's matches through its own index, up to {@code few}. */
    private Drivers drivers(Handle handle, String applicationId, Filter filter) {
        return new Drivers(
                filter.idPrefix().isPresent() && hasFewMatches(handle, applicationId, filter,
                        "users u WHERE u.application_id"
                        + " = :application_id AND " + prefixOf("u.user_id", ":id_low", ":id_high")),
                filter.text().isPresent() && hasFewMatches(handle, applicationId, filter,
                        "users u WHERE u.application_id"
                        + " = :application_id AND " + textCondition("")),
                filter.attribute().isPresent() && hasFewMatches(handle, applicationId, filter,
                        "user_attributes a WHERE"
                        + " a.application_id = :application_id AND a.name = :attribute_name"
                        + " AND a.value = :attribute_value"));
    }

    private boolean hasFewMatches(Handle handle, String applicationId, Filter filter, String rows) {
        return bindFilters(handle.createQuery("SELECT COUNT(*) FROM (SELECT 1 FROM " + rows + " LIMIT :few) matches"),
                applicationId, filter).bind("few", few).mapTo(Integer.class).one() < few;
    }

    /**
     * The filters' conditions, each written so that only the {@code drivers} lead: the others are
     * kept off their indexes on SQLite (a unary {@code +}), and an attribute that does not lead is
     * checked user by user ({@code EXISTS}) instead of listing its many matches ({@code IN}).
     */
    private void appendFilters(StringBuilder sql, Filter filter, Drivers drivers) {
        filter.idPrefix().ifPresent(prefix -> sql.append(" AND ")
                .append(prefixOf((drivers.id() ? "" : unindexed) + "u.user_id", ":id_low", ":id_high")));
        filter.text().ifPresent(text -> sql.append(" AND ").append(textCondition(drivers.text() ? "" : unindexed)));
        filter.attribute().ifPresent(attribute -> sql.append(drivers.attribute()
                ? " AND u.user_id IN (SELECT a.user_id FROM user_attributes a WHERE a.application_id = :application_id"
                        + " AND a.name = :attribute_name AND a.value = :attribute_value)"
                : " AND EXISTS (SELECT 1 FROM user_attributes a WHERE a.application_id = u.application_id"
                        + " AND a.user_id = u.user_id AND a.name = :attribute_name AND a.value = :attribute_value)"));
    }

    private String textCondition(String hint) {
        return "(" + prefixOf(hint + "lower(u.email)", "lower(:text)", "lower(:text) || :max") + " OR "
                + prefixOf(hint + "lower(u.name)", "lower(:text)", "lower(:text) || :max") + ")";
    }

    private static Query bindFilters(Query query, String applicationId, Filter filter) {
        query.bind("application_id", applicationId);
        filter.idPrefix().ifPresent(prefix -> query.bind("id_low", prefix).bind("id_high", prefix + MAX));
        filter.text().ifPresent(text -> query.bind("text", text).bind("max", MAX));
        filter.attribute().ifPresent(attribute -> query.bind("attribute_name", attribute.name())
                .bind("attribute_value", attribute.value()));
        return query;
    }

    /** {@code expression} starts with the prefix that {@code low} is, below {@code high} (low + MAX). */
    private String prefixOf(String expression, String low, String high) {
        String ordered = expression + codePointOrder;
        return ordered + " >= " + low + " AND " + ordered + " < " + high;
    }
}
