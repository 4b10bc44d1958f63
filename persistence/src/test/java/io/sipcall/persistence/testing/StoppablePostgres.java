package io.sipcall.persistence.testing;

import io.sipcall.config.DatabaseConfig;
import io.sipcall.config.Secret;
import io.sipcall.persistence.Database;
import io.sipcall.persistence.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
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

    private StoppablePostgres(Path home, int port) {
        this.home = home;
        this.port = port;
        this.server = EmbeddedPostgres.start(home, port, STARTUP);
    }

    /** Starts a server whose cluster lives under {@code home}, on a free loopback port. */
    public static StoppablePostgres start(Path home) {
        return new StoppablePostgres(home, freePort());
    }

    /**
     * A migrated database on this server through a pool that outlives outages, with a 1 s connect
     * timeout so that every retry during an outage fails fast.
     */
    public Database open(Duration retryInterval) {
        DatabaseConfig config = new DatabaseConfig(Optional.of(server.jdbcUrl()), server.username(),
                Optional.of(new Secret(server.password())), 4, Duration.ofSeconds(1), STARTUP, retryInterval);
        return Database.open(config, home.resolve("unused"));
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

    @Override
    public void close() {
        server.close();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
