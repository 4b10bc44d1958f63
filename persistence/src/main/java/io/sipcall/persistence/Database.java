package io.sipcall.persistence;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.sipcall.config.DatabaseConfig;
import io.sipcall.config.Secret;
import io.sipcall.persistence.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.postgres.PostgresPlugin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The database of one instance: the configured PostgreSQL or the embedded one, a HikariCP pool, JDBI
 * on top, and the schema migrated to the latest version. {@link #open} waits for the server up to
 * {@code database.startup-timeout}; once open, an outage is survived (the pool reconnects, call
 * records wait in the spool).
 */
public final class Database implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Database.class);
    private static final Duration STARTUP_POLL = Duration.ofMillis(250);

    private final HikariDataSource pool;
    private final Jdbi jdbi;
    private final Optional<EmbeddedPostgres> embedded;

    private Database(HikariDataSource pool, Optional<EmbeddedPostgres> embedded) {
        this.pool = pool;
        this.jdbi = Jdbi.create(pool).installPlugin(new PostgresPlugin());
        this.embedded = embedded;
    }

    /**
     * Opens the database {@code config} names (the embedded one under {@code dataDir/postgres} when
     * it names none) and migrates its schema.
     *
     * @throws PersistenceException when the server cannot be started or reached in time, or the
     *                              migration fails
     */
    public static Database open(DatabaseConfig config, Path dataDir) {
        Optional<EmbeddedPostgres> embedded = config.embedded()
                ? Optional.of(EmbeddedPostgres.start(dataDir.resolve("postgres"), 0, config.startupTimeout()))
                : Optional.empty();
        try {
            String url = embedded.map(EmbeddedPostgres::jdbcUrl).orElseGet(() -> config.url().orElseThrow());
            String user = embedded.map(EmbeddedPostgres::username).orElse(config.username());
            String password = embedded.map(EmbeddedPostgres::password)
                    .orElseGet(() -> config.password().map(Secret::reveal).orElse(""));
            awaitServer(url, user, password, config.startupTimeout());
            HikariDataSource pool = pool(config, url, user, password);
            try {
                migrate(pool);
                return new Database(pool, embedded);
            } catch (RuntimeException e) {
                pool.close();
                throw e;
            }
        } catch (RuntimeException e) {
            embedded.ifPresent(EmbeddedPostgres::close);
            throw e;
        }
    }

    private static void awaitServer(String url, String user, String password, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        SQLException last;
        do {
            try (Connection ignored = DriverManager.getConnection(url, user, password)) {
                return;
            } catch (SQLException e) {
                last = e;
                if ("28P01".equals(e.getSQLState()) || "3D000".equals(e.getSQLState())) {
                    break; // wrong password or no such database: waiting will not help
                }
            }
            try {
                Thread.sleep(STARTUP_POLL.toMillis()); // polling a server that is not there yet: no event to await
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        } while (Instant.now().isBefore(deadline));
        throw new PersistenceException("cannot connect to the database at " + redact(url) + " as '" + user + "': "
                + last.getMessage() + " (database.url, database.username, database.password, "
                + "database.startup-timeout)", last);
    }

    private static HikariDataSource pool(DatabaseConfig config, String url, String user, String password) {
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName("sipcall-db");
        hikari.setJdbcUrl(url);
        hikari.setUsername(user);
        hikari.setPassword(password);
        hikari.setMaximumPoolSize(config.poolSize());
        hikari.setMinimumIdle(Math.min(2, config.poolSize()));
        hikari.setConnectionTimeout(Math.max(250, config.connectTimeout().toMillis()));
        hikari.setValidationTimeout(Math.max(250, Math.min(config.connectTimeout().toMillis(), 5_000)));
        // Start even if the server vanished since awaitServer: the pool reconnects when it returns.
        hikari.setInitializationFailTimeout(-1);
        hikari.addDataSourceProperty("connectTimeout", Math.max(1, config.connectTimeout().toSeconds()));
        hikari.addDataSourceProperty("socketTimeout", 60);
        hikari.addDataSourceProperty("ApplicationName", "sipcall");
        hikari.addDataSourceProperty("reWriteBatchedInserts", true);
        return new HikariDataSource(hikari);
    }

    private static void migrate(DataSource dataSource) {
        try {
            var result = Flyway.configure()
                    .dataSource(dataSource)
                    .locations("classpath:db/migration")
                    .load()
                    .migrate();
            LOG.info("event=schema-migrated version={} applied={}", result.targetSchemaVersion,
                    result.migrationsExecuted);
        } catch (RuntimeException e) {
            throw new PersistenceException("the database schema could not be migrated: " + e.getMessage(), e);
        }
    }

    /** The connection URL without credentials, for messages. */
    static String redact(String url) {
        int query = url.indexOf('?');
        return query < 0 ? url : url.substring(0, query);
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    public DataSource dataSource() {
        return pool;
    }

    /** The embedded server, when this instance runs its own. */
    public Optional<EmbeddedPostgres> embedded() {
        return embedded;
    }

    /** Whether the database answers a query now (for health checks; may wait up to connect-timeout). */
    public boolean isReachable() {
        try (Connection connection = pool.getConnection()) {
            return connection.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    @Override
    public void close() {
        pool.close();
        embedded.ifPresent(EmbeddedPostgres::close);
    }
}
