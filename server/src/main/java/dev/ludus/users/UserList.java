package dev.ludus.users;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.ludus.events.UserIds;
import dev.ludus.http.ApiException;
import dev.ludus.http.PageRequest;
import dev.ludus.profiles.User;
import dev.ludus.profiles.UserPatch;
import dev.ludus.profiles.UserSearch;
import dev.ludus.rules.RuleCodec;
import dev.ludus.rules.RuleService;
import io.helidon.common.uri.UriQuery;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Jdbi;

/**
 * The list of an application's users, for {@code GET /v1/users} and the console: searched by id prefix
 * ({@code id_prefix}), name or email prefix ({@code q}) and one attribute ({@code attribute=name:value}),
 * sorted by creation, last activity or the balance of a points system, paged by an opaque cursor that
 * carries the sort, the last sort value and the last user id. Refusals name the parameter.
 */
public final class UserList {

    private static final Set<String> PARAMETERS = Set.of("id_prefix", "q", "attribute", "sort", "limit", "cursor");
    private static final String BALANCE = "balance:";

    private final Jdbi jdbi;
    private final UserSearch search;
    private final RuleService rules;

    /**
     * @param search the SQL of the list
     * @param rules where {@code sort=balance:<system>} finds the application's points systems
     */
    public UserList(Jdbi jdbi, UserSearch search, RuleService rules) {
        this.jdbi = jdbi;
        this.search = search;
        this.rules = rules;
    }

    /**
     * One listed user: the profile as {@code GET /v1/users/{id}} shows it, and the balance when the
     * list is sorted by one.
     */
    public record Item(String id, String name, String email, String timezone, String locale,
            Map<String, String> attributes, Instant createdAt, Instant updatedAt, Instant lastActiveAt,
            dev.ludus.profiles.FlagView flag, boolean controlGroup,
            @JsonInclude(JsonInclude.Include.NON_NULL) Long balance) {

        static Item of(UserSearch.Found found) {
            User user = found.user();
            return new Item(user.id(), user.name(), user.email(), user.timezone(), user.locale(), user.attributes(),
                    user.createdAt(), user.updatedAt(), user.lastActiveAt(), user.flag(), user.controlGroup(),
                    found.balance().isPresent() ? found.balance().getAsLong() : null);
        }
    }

    /**
     * What to list, as given: each value is checked by {@link #page}.
     *
     * @param idPrefix {@code id_prefix}
     * @param q {@code q}: the start of a name or an email
     * @param attribute {@code attribute}: {@code name:value}
     * @param sort {@code sort}: {@code created_at} (empty), {@code last_active_at} or {@code balance:<system>}
     */
    public record Query(Optional<String> idPrefix, Optional<String> q, Optional<String> attribute,
            Optional<String> sort) {

        /** The parameters of {@code GET /v1/users}; 400 naming an unknown or repeated one. */
        static Query of(UriQuery query) {
            for (String name : query.names()) {
                if (!PARAMETERS.contains(name)) {
                    throw ApiException.invalidField(name, "unknown parameter '" + name + "'; GET /v1/users takes "
                            + String.join(", ", new java.util.TreeSet<>(PARAMETERS)));
                }
                if (query.all(name).size() > 1) {
                    throw ApiException.invalidField(name, "'" + name + "' may be given once");
                }
            }
            return new Query(query.first("id_prefix").map(value -> value), query.first("q").map(value -> value),
                    query.first("attribute").map(value -> value), query.first("sort").map(value -> value));
        }
    }

    /** A page of the users of {@code applicationId} that {@code query} selects; 400 naming a bad parameter. */
    public PageRequest.Page<Item> page(String applicationId, Query query, PageRequest page) {
        String sort = query.sort().orElse("created_at");
        UserSearch.Filter filter = new UserSearch.Filter(
                text(query.idPrefix(), "id_prefix", UserIds.MAX_LENGTH),
                text(query.q(), "q", UserPatch.MAX_EMAIL),
                query.attribute().map(UserList::attribute),
                sortOf(sort),
                pointsSystem(applicationId, sort));
        Optional<UserSearch.After> after = page.after().map(cursor -> after(cursor, sort));
        List<UserSearch.Found> found = jdbi.withHandle(handle ->
                search.find(handle, applicationId, filter, after, page.limit() + 1));
        PageRequest.Page<UserSearch.Found> listed = page.page(found,
                last -> sort + " " + last.sortValue(filter.sort()) + " " + last.user().id());
        return new PageRequest.Page<>(listed.items().stream().map(Item::of).toList(), listed.nextCursor());
    }

    private static Optional<String> text(Optional<String> given, String name, int max) {
        return given.map(value -> {
            if (value.isEmpty() || value.length() > max) {
                throw ApiException.invalidField(name, "'" + name + "' must have 1 to " + max + " characters");
            }
            return value;
        });
    }

    private static UserSearch.Attribute attribute(String raw) {
        int colon = raw.indexOf(':');
        String name = colon < 0 ? raw : raw.substring(0, colon);
        if (colon < 0 || !UserPatch.ATTRIBUTE_NAME.matcher(name).matches()
                || raw.length() - colon - 1 > UserPatch.MAX_ATTRIBUTE_VALUE) {
            throw ApiException.invalidField("attribute", "'attribute' must be name:value, the name matching "
                    + UserPatch.ATTRIBUTE_NAME.pattern() + " and the value of up to "
                    + UserPatch.MAX_ATTRIBUTE_VALUE + " characters");
        }
        return new UserSearch.Attribute(name, raw.substring(colon + 1));
    }

    private static UserSearch.Sort sortOf(String sort) {
        return switch (sort) {
            case "created_at" -> UserSearch.Sort.CREATED_AT;
            case "last_active_at" -> UserSearch.Sort.LAST_ACTIVE_AT;
            default -> {
                if (!sort.startsWith(BALANCE)) {
                    throw ApiException.invalidField("sort", "'sort' must be created_at, last_active_at or "
                            + "balance:<points system>");
                }
                yield UserSearch.Sort.BALANCE;
            }
        };
    }

    /** The points system of {@code balance:<system>}: an active one; 400 naming {@code sort} otherwise. */
    private Optional<String> pointsSystem(String applicationId, String sort) {
        if (!sort.startsWith(BALANCE)) {
            return Optional.empty();
        }
        String system = sort.substring(BALANCE.length());
        if (!RuleCodec.KEY.matcher(system).matches() || !rules.rules(applicationId).pointsSystems().containsKey(system)) {
            throw ApiException.invalidField("sort", "no active points system '" + system + "' to sort by");
        }
        return Optional.of(system);
    }

    /** The start of a page from a cursor that this list gave out for the same sort. */
    private static UserSearch.After after(String cursor, String sort) {
        String[] parts = cursor.split(" ", 3);
        try {
            if (parts.length == 3 && parts[0].equals(sort) && !parts[2].isEmpty()) {
                return new UserSearch.After(Long.parseLong(parts[1]), parts[2]);
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiException.invalidField("cursor", "'cursor' is not a cursor this list gave out for sort=" + sort);
    }
}
