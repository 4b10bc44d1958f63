package io.sipcall.persistence.record;

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
 * A PostgreSQL of the test's own that it can stop and start again (same home, same port, same data),
 * with a {@link Database} opened on it while it was up, as the app's would be.
 */
final class StoppablePostgres implements AutoCloseable {

    private static final Duration STARTUP = Duration.ofSeconds(60);

    private final Path home;
    private final int port;
    private EmbeddedPostgres server;
    private final Database database;

    StoppablePostgres(Path home) {
        this.home = home;
        this.port = freePort();
        this.server = EmbeddedPostgres.start(home, port, STARTUP);
        // A short connect timeout: while the server is down, each retry fails within a second.
        this.database = Database.open(new DatabaseConfig(Optional.of(server.jdbcUrl()), server.username(),
                Optional.of(new Secret(server.password())), 4, Duration.ofSeconds(1), STARTUP,
                Duration.ofMillis(200)), home.resolve("unused"));
    }

    Database database() {
        return database;
    }

    void stop() {
        server.close();
    }

    void restart() {
        server = EmbeddedPostgres.start(home, port, STARTUP);
    }

    @Override
    public void close() {
        database.close();
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
