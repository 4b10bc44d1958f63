package io.sipcall.persistence.testing;

import io.sipcall.config.ConfigLoader;
import io.sipcall.config.DatabaseConfig;
import io.sipcall.config.Secret;
import io.sipcall.persistence.Database;
import io.sipcall.persistence.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Real PostgreSQL for tests: one embedded server per test JVM, and a fresh, migrated database for
 * each {@link #fresh()} call, so tests never see each other's rows.
 */
public final class TestDatabase {

    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static EmbeddedPostgres server;

    private TestDatabase() {
    }

    /** A new empty database, migrated to the current schema. Close it when done. */
    public static Database fresh() {
        return Database.open(config(createDatabase()), Path.of("unused"));
    }

    /** The configuration that connects to a new empty database of the shared server. */
    public static DatabaseConfig freshConfig() {
        return config(createDatabase());
    }

    /** A new empty (unmigrated) database of the shared server: where it is and how to log in. */
    public static Coordinates freshCoordinates() {
        EmbeddedPostgres pg = server();
        return new Coordinates(createDatabase(), pg.username(), pg.password());
    }

    /**
     * Where a test database is.
     *
     * @param url      its JDBC URL
     * @param username the role to log in as
     * @param password its password
     */
    public record Coordinates(String url, String username, String password) {

        /** The configuration's {@code database} section pointing at it. */
        public String yaml() {
            return "database:\n  url: '" + url + "'\n  username: " + username + "\n  password: '" + password + "'\n";
        }

        /** The {@code SIPCALL_DATABASE_*} variables that point a SIPCall process at it. */
        public java.util.Map<String, String> environment() {
            return java.util.Map.of("SIPCALL_DATABASE_URL", url, "SIPCALL_DATABASE_USERNAME", username,
                    "SIPCALL_DATABASE_PASSWORD", password);
        }

        /** Applies the schema migrations now (as the app does at start), for tests that fill it first. */
        public Coordinates migrated() {
            Database.open(config(url), Path.of("unused")).close();
            return this;
        }

        /** A JDBI on it, for assertions on the raw tables (a plain connection each time, no pool). */
        public org.jdbi.v3.core.Jdbi jdbi() {
            return org.jdbi.v3.core.Jdbi.create(url, username, password);
        }
    }

    /** The defaults of {@code database}, connecting to {@code url} as the server's superuser. */
    public static DatabaseConfig config(String url) {
        DatabaseConfig defaults = ConfigLoader.load(Optional.empty(), Map.of()).database();
        EmbeddedPostgres pg = server();
        return new DatabaseConfig(Optional.of(url), pg.username(), Optional.of(new Secret(pg.password())),
                defaults.poolSize(), defaults.connectTimeout(), defaults.startupTimeout(), defaults.retryInterval());
    }

    private static String createDatabase() {
        EmbeddedPostgres pg = server();
        String name = "test_" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
        try (var connection = DriverManager.getConnection(pg.jdbcUrl(), pg.username(), pg.password());
             var statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database " + name, e);
        }
        return "jdbc:postgresql://127.0.0.1:" + pg.port() + "/" + name;
    }

    private static synchronized EmbeddedPostgres server() {
        if (server == null) {
            try {
                Path home = Files.createTempDirectory("sipcall-test-pg");
                server = EmbeddedPostgres.start(home, 0, Duration.ofSeconds(60));
                EmbeddedPostgres started = server;
                Runtime.getRuntime().addShutdownHook(new Thread(started::close, "test-postgres-stop"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return server;
    }
}
