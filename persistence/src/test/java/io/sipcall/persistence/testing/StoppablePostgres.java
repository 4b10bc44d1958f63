package io.sipcall.persistence.testing;

import io.sipcall.config.DatabaseConfig;
import io.sipcall.config.Secret;
import io.sipcall.persistence.Database;
import io.sipcall.persistence.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.time.Duration;
import java.util.Optional;

/**
 * A PostgreSQL of the test's own that it can stop (an outage begins) and start again on the same
 * port with the same data (the outage ends). The shared {@link TestDatabase} server must never be
 * stopped; this one is for outage tests.
 */
public final class StoppablePostgres implements AutoCloseable {

    private static final Duration STARTUP = Duration.ofSeconds(60);

    private final Path home;
    private final int port;
    private EmbeddedPostgres server;
    private final Deque<AutoCloseable> opened = new ArrayDeque<>();

    private StoppablePostgres(Path home) {
        this.home = home;
        this.server = EmbeddedPostgres.start(home, 0, STARTUP);
        this.port = server.port();
    }

    /** Starts a server whose cluster lives under {@code home}, on a free loopback port kept for restarts. */
    public static StoppablePostgres start(Path home) {
        return new StoppablePostgres(home);
    }

    /**
     * A migrated database on this server through a pool that outlives outages, with a 1 s connect
     * timeout so that every retry during an outage fails fast.
     */
    public Database open(Duration retryInterval) {
        DatabaseConfig config = new DatabaseConfig(Optional.of(server.jdbcUrl()), server.username(),
                Optional.of(new Secret(server.password())), 4, Duration.ofSeconds(1), STARTUP, retryInterval);
        return closing(Database.open(config, home.resolve("unused")));
    }

    /**
     * Closes {@code part} when this server is closed: before the server, and before whatever was
     * opened earlier (the database it runs on). Tests need no cleanup of their own.
     */
    public <T extends AutoCloseable> T closing(T part) {
        opened.push(part);
        return part;
    }

    /** Where it is and how to log in (for a configuration's {@code database} section). */
    public TestDatabase.Coordinates coordinates() {
        return new TestDatabase.Coordinates(server.jdbcUrl(), server.username(), server.password());
    }

    /** Stops the server: the outage begins. */
    public void stop() {
        server.close();
    }

    /** Starts it again on the same port with the same data: the outage ends. */
    public void restart() {
        server = EmbeddedPostgres.start(home, port, STARTUP);
    }

    /** Closes what {@link #closing} was given, newest first, then stops the server. */
    @Override
    public void close() {
        IllegalStateException failed = null;
        while (!opened.isEmpty()) {
            try {
                opened.pop().close();
            } catch (Exception e) {
                if (failed == null) {
                    failed = new IllegalStateException("closing what ran on the test PostgreSQL", e);
                }
            }
        }
        server.close();
        if (failed != null) {
            throw failed;
        }
    }
}
