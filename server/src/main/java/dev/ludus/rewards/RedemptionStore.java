package dev.ludus.rewards;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.jdbi.v3.core.Handle;

/** The SQL of redemptions and of the units of rewards taken. Stateless; runs on the caller's handle. */
final class RedemptionStore {

    /** A redemption's statuses. */
    static final List<String> STATUSES = List.of("pending", "fulfilled", "cancelled");

    /** A redemption as stored. */
    record Stored(long seq, String id, String userId, String reward, String pointsSystem, long cost, String status,
            Instant createdAt, Instant updatedAt) {

        boolean pending() {
            return status.equals("pending");
        }
    }

    /** How many units of {@code reward} are held (redemptions not cancelled). */
    long taken(Handle handle, String applicationId, String reward) {
        return handle.createQuery("SELECT taken FROM reward_stock WHERE application_id = :application_id AND reward = :reward")
                .bind("application_id", applicationId)
                .bind("reward", reward)
                .mapTo(Long.class)
                .findOne()
                .orElse(0L);
    }

    /** The units held of each reward of the application that has had a redemption. */
    Map<String, Long> takenByReward(Handle handle, String applicationId) {
        Map<String, Long> taken = new HashMap<>();
        handle.createQuery("SELECT reward, taken FROM reward_stock WHERE application_id = :application_id")
                .bind("application_id", applicationId)
                .map((rs, ctx) -> taken.put(rs.getString("reward"), rs.getLong("taken")))
                .list();
        return taken;
    }

    /** How many units of {@code reward} the user holds (redemptions not cancelled). */
    long held(Handle handle, String applicationId, String userId, String reward) {
        return handle.createQuery("""
                SELECT COUNT(*) FROM redemptions WHERE application_id = :application_id AND user_id = :user_id
                    AND reward = :reward AND status <> 'cancelled'""")
                .bind("application_id", applicationId)
                .bind("user_id", userId)
                .bind("reward", reward)
                .mapTo(Long.class)
                .one();
    }

    /**
     * Takes one unit of {@code reward} unless {@code stock} are already taken, in one statement that
     * waits for (and then reads) a concurrent taker's commit; the units taken after it, or empty when
     * none was left.
     */
    OptionalLong take(Handle handle, String applicationId, String reward, OptionalLong stock) {
        return handle.createQuery("""
                INSERT INTO reward_stock (application_id, reward, taken) VALUES (:application_id, :reward, 1)
                ON CONFLICT (application_id, reward) DO UPDATE SET taken = reward_stock.taken + 1
                    WHERE reward_stock.taken < :stock
                RETURNING taken""")
                .bind("application_id", applicationId)
                .bind("reward", reward)
                .bind("stock", stock.orElse(Long.MAX_VALUE))
                .mapTo(Long.class)
                .findOne()
                .map(OptionalLong::of)
                .orElse(OptionalLong.empty());
    }

    /** Gives one unit of {@code reward} back; the units taken after it. */
    long giveBack(Handle handle, String applicationId, String reward) {
        return handle.createQuery("""
                UPDATE reward_stock SET taken = taken - 1
                WHERE application_id = :application_id AND reward = :reward AND taken > 0
                RETURNING taken""")
                .bind("application_id", applicationId)
                .bind("reward", reward)
                .mapTo(Long.class)
                .findOne()
                .orElse(0L);
    }

    /** Writes a new redemption; its sequence number. */
    long insert(Handle handle, String applicationId, Stored redemption) {
        return handle.createQuery("""
                INSERT INTO redemptions (id, application_id, user_id, reward, points_system, cost, status, created_at,
                    updated_at)
                VALUES (:id, :application_id, :user_id, :reward, :points_system, :cost, :status, :created_at,
                    :updated_at)
                RETURNING seq""")
                .bind("id", redemption.id())
                .bind("application_id", applicationId)
                .bind("user_id", redemption.userId())
                .bind("reward", redemption.reward())
                .bind("points_system", redemption.pointsSystem())
                .bind("cost", redemption.cost())
                .bind("status", redemption.status())
                .bind("created_at", redemption.createdAt().toEpochMilli())
                .bind("updated_at", redemption.updatedAt().toEpochMilli())
                .mapTo(Long.class)
                .one();
    }

    /** Moves a pending redemption to {@code status}; false when it is not pending (or gone). */
    boolean settle(Handle handle, String applicationId, String id, String status, Instant now) {
        return handle.createUpdate("""
                UPDATE redemptions SET status = :status, updated_at = :now
                WHERE application_id = :application_id AND id = :id AND status = 'pending'""")
                .bind("status", status)
                .bind("now", now.toEpochMilli())
                .bind("application_id", applicationId)
                .bind("id", id)
                .execute() == 1;
    }

    Optional<Stored> find(Handle handle, String applicationId, String id) {
        return handle.createQuery("SELECT * FROM redemptions WHERE application_id = :application_id AND id = :id")
                .bind("application_id", applicationId)
                .bind("id", id)
                .map((rs, ctx) -> read(rs))
                .findOne();
    }

    /**
     * Up to {@code count} redemptions newest first, before the one of sequence number {@code before}
     * (none for the newest), of one user ({@code column} {@code user_id}) or one reward ({@code reward}), in
     * {@code status} when given.
     */
    List<Stored> page(Handle handle, String applicationId, String column, String value, Optional<String> status,
            OptionalLong before, int count) {
        String by = switch (column) {
            case "user_id", "reward" -> column;
            default -> throw new IllegalArgumentException("redemptions are listed by user_id or reward, not " + column);
        };
        var query = handle.createQuery("SELECT * FROM redemptions WHERE application_id = :application_id AND " + by
                        + " = :value" + (status.isPresent() ? " AND status = :status" : "")
                        + (before.isPresent() ? " AND seq < :before" : "") + " ORDER BY seq DESC LIMIT :count")
                .bind("application_id", applicationId)
                .bind("value", value)
                .bind("count", count);
        status.ifPresent(wanted -> query.bind("status", wanted));
        if (before.isPresent()) {
            query.bind("before", before.getAsLong());
        }
        return query.map((rs, ctx) -> read(rs)).list();
    }

    private static Stored read(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Stored(rs.getLong("seq"), rs.getString("id"), rs.getString("user_id"), rs.getString("reward"),
                rs.getString("points_system"), rs.getLong("cost"), rs.getString("status"),
                Instant.ofEpochMilli(rs.getLong("created_at")), Instant.ofEpochMilli(rs.getLong("updated_at")));
    }
}
