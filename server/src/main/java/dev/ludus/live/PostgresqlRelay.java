package dev.ludus.live;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import org.jdbi.v3.core.Handle;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live feed across nodes on one PostgreSQL: a batch's entries are sent with {@code pg_notify} in
 * the batch's own transaction, so PostgreSQL delivers them when, and only if, it commits, in commit
 * order, to every node that listens, this one included; a thread of each node listens on its own
 * connection and hands what arrives to the node's {@link LiveFeed}. When the connection is lost, the
 * watchers are told that entries may be missing and the thread connects again after a second.
 * Thread-safe: {@link #send} runs on writer threads and touches only their handle.
 */
public final class PostgresqlRelay implements AutoCloseable {

    /** The channel of the notifications. */
    static final String CHANNEL = "ludus_live";

    private static final Logger LOG = LoggerFactory.getLogger(PostgresqlRelay.class);
    private static final int WAIT_MILLIS = 500;

    private final String jdbcUrl;
    private final LiveFeed feed;
    private final Thread listener;
    private volatile boolean running = true;
    /** The connection that listens, while there is one: {@link #close} aborts it. */
    private volatile Connection listening;

    /** Starts listening on {@code jdbcUrl} (the store's URL; never logged: it may hold a password). */
    public PostgresqlRelay(String jdbcUrl, LiveFeed feed) {
        this.jdbcUrl = jdbcUrl;
        this.feed = feed;
        this.listener = Thread.ofPlatform().daemon().name("ludus-live-relay").start(this::listen);
    }

    /** Sends a batch's entries, inside its transaction. */
    void send(Handle handle, List<LiveEntry> entries) {
        for (String payload : LiveCodec.payloads(entries)) {
            handle.createQuery("SELECT pg_notify(:channel, :payload)")
                    .bind("channel", CHANNEL)
                    .bind("payload", payload)
                    .mapTo(String.class)
                    .list();
        }
    }

    private void listen() {
        boolean connectedBefore = false;
        while (running) {
            try (Connection connection = new org.postgresql.Driver().connect(jdbcUrl, new Properties())) {
                listening = connection;
                if (!running) {
                    return;
                }
                try (Statement listen = connection.createStatement()) {
                    listen.execute("LISTEN " + CHANNEL);
                }
                if (connectedBefore) {
                    LOG.info("the live feed listens again");
                    feed.gap();
                }
                connectedBefore = true;
                PGConnection notifications = connection.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] arrived = notifications.getNotifications(WAIT_MILLIS);
                    if (arrived == null || !feed.watched()) {
                        continue;
                    }
                    for (PGNotification notification : arrived) {
                        deliver(notification.getParameter());
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (!running) {
                    return;
                }
                LOG.warn("the live feed lost its PostgreSQL connection ({}); trying again in a second",
                        e.getClass().getSimpleName());
                feed.gap();
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }

    private void deliver(String payload) {
        try {
            LiveCodec.entries(payload).forEach(feed::publish);
        } catch (IllegalArgumentException e) {
            LOG.warn("a live feed notification could not be read; skipped");
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        Connection connection = listening;
        if (connection != null) {
            try {
                // ends the wait for notifications now rather than at its timeout
                connection.abort(Runnable::run);
            } catch (SQLException | RuntimeException e) {
                LOG.debug("closing the live feed's connection: {}", e.getClass().getSimpleName());
            }
        }
        listener.join(WAIT_MILLIS * 4L);
    }
}
