package io.sipcall.persistence.directory;

import io.sipcall.config.ConfigLoader;
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
import java.util.Map;
import java.util.Optional;

/**
 * A PostgreSQL of a test's own, on a fixed port, that the test can stop and start again with its data:
 * an outage of the database a {@link Database} is connected to. Short connect timeouts keep the
 * failed attempts during the outage quick.
 */
final class OwnPostgres implements AutoCloseable {

    private static final Duration STARTUP = Duration.ofSeconds(60);

    private final Path home;
    private final int port;
    private EmbeddedPostgres server;

    private OwnPostgres(Path home, int port) {
        this.home = home;
        this.port = port;
        this.server = EmbeddedPostgres.start(home, port, STARTUP);
    }

    static OwnPostgres start(Path home) {
        return new OwnPostgres(home, freePort());
    }

    /** A migrated database on this server, through a pool that outlives outages. */
    Database open() {
        DatabaseConfig defaults = ConfigLoader.load(Optional.empty(), Map.of()).database();
        DatabaseConfig config = new DatabaseConfig(Optional.of(server.jdbcUrl()), server.username(),
                Optional.of(new Secret(server.password())), 4, Duration.ofSeconds(1), Duration.ofSeconds(30),
                defaults.retryInterval());
        return Database.open(config, home.resolve("unused"));
    }

    /** Stops the server (the outage begins). */
    void stop() {
        server.close();
    }

    /** Starts it again on the same port with the same data (the outage ends). */
    void restart() {
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
