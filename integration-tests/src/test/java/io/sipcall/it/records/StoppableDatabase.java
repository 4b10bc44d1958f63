package io.sipcall.it.records;

import io.sipcall.it.sipp.FreePorts;
import io.sipcall.persistence.embedded.EmbeddedPostgres;
import io.sipcall.persistence.testing.TestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * A PostgreSQL server owned by one test, on a fixed port, that the test stops and starts again: an
 * outage of the database a SIPCall instance is pointed at. Restarting uses the same home and port,
 * so the same data comes back at the same URL. Not the shared server of {@link TestDatabase}: an
 * outage there would hit every other test's database. Close it to stop the server.
 */
final class StoppableDatabase implements AutoCloseable {

    private static final Duration STARTUP = Duration.ofSeconds(60);

    private final Path home;
    private final int port;
    private EmbeddedPostgres server;

    private StoppableDatabase(Path home, int port) {
        this.home = home;
        this.port = port;
        this.server = EmbeddedPostgres.start(home, port, STARTUP);
    }

    /** Initialises (first use) and starts a server under {@code home} on a free loopback port. */
    static StoppableDatabase start(Path home) {
        return new StoppableDatabase(home, FreePorts.udpAndTcp());
    }

    /** The {@code sipcall} database of this server: the same URL and login across restarts. */
    TestDatabase.Coordinates coordinates() {
        return new TestDatabase.Coordinates(server.jdbcUrl(), server.username(), server.password());
    }

    /** The {@code SIPCALL_DATABASE_*} variables that point a SIPCall process at it. */
    Map<String, String> environment() {
        return Map.of("SIPCALL_DATABASE_URL", server.jdbcUrl(), "SIPCALL_DATABASE_USERNAME", server.username(),
                "SIPCALL_DATABASE_PASSWORD", server.password());
    }

    /** Stops the server (fast shutdown: sessions are ended, committed data kept): the outage begins. */
    void stop() {
        server.close();
    }

    /** Starts it again, same home, same port, same data: the outage ends. */
    void restart() {
        server = EmbeddedPostgres.start(home, port, STARTUP);
    }

    @Override
    public void close() {
        server.close();
    }
}
