package io.sipcall.persistence.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import io.sipcall.config.ConfigLoader;
import io.sipcall.config.DatabaseConfig;
import io.sipcall.persistence.Database;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedPostgresTest {

    private static final DatabaseConfig DEFAULTS = ConfigLoader.load(Optional.empty(), Map.of()).database();

    @TempDir
    Path dataDir;

    @Test
    void the_embedded_database_keeps_its_data_under_the_data_dir_across_restarts() {
        try (Database db = Database.open(DEFAULTS, dataDir)) {
            db.jdbi().useHandle(h -> h.execute("INSERT INTO audit_log (actor, action) VALUES ('test', 'kept')"));
            assertThat(db.embedded()).isPresent();
            assertThat(db.embedded().get().dataDirectory()).startsWith(dataDir);
        }
        try (Database db = Database.open(DEFAULTS, dataDir)) {
            java.util.List<String> actions = db.jdbi().withHandle(h ->
                    h.createQuery("SELECT action FROM audit_log").mapTo(String.class).list());
            assertThat(actions).containsExactly("kept");
        }
        assertThat(dataDir.resolve("postgres/data/PG_VERSION")).exists();
    }

    @Test
    void a_cluster_in_use_by_a_running_instance_is_refused_not_stopped() {
        try (EmbeddedPostgres running = EmbeddedPostgres.start(dataDir.resolve("pg"), 0, Duration.ofSeconds(30))) {
            long pid = postmasterPid(running);
            org.assertj.core.api.Assertions.assertThatThrownBy(
                    () -> EmbeddedPostgres.start(dataDir.resolve("pg"), 0, Duration.ofSeconds(30)))
                    .isInstanceOf(io.sipcall.persistence.PersistenceException.class)
                    .hasMessageContaining("in use by another running SIPCall");
            assertThat(EmbeddedPostgres.isRunning(pid)).isTrue();
        }
    }

    @Test
    void a_postmaster_left_running_by_a_killed_process_is_stopped_and_the_cluster_restarts() {
        EmbeddedPostgres orphan = EmbeddedPostgres.start(dataDir.resolve("pg"), 0, Duration.ofSeconds(30));
        long orphanPid = postmasterPid(orphan);
        assertThat(EmbeddedPostgres.isRunning(orphanPid)).isTrue();
        // No close(), only the lock let go: as if the JVM that started it had been killed.
        orphan.abandon();
        try (EmbeddedPostgres restarted = EmbeddedPostgres.start(dataDir.resolve("pg"), 0, Duration.ofSeconds(30))) {
            assertThat(EmbeddedPostgres.isRunning(orphanPid)).isFalse();
            assertThat(postmasterPid(restarted)).isNotEqualTo(orphanPid);
        }
    }

    @Test
    void the_server_accepts_only_the_generated_password() throws Exception {
        try (EmbeddedPostgres pg = EmbeddedPostgres.start(dataDir.resolve("pg"), 0, Duration.ofSeconds(30))) {
            assertThat(Files.readString(dataDir.resolve("pg/secrets/superuser-password"))).isNotBlank();
            assertThat(catchSql(pg.jdbcUrl(), "wrong")).isEqualTo("28P01");
            try (var c = java.sql.DriverManager.getConnection(pg.jdbcUrl(), pg.username(), pg.password())) {
                assertThat(c.isValid(2)).isTrue();
            }
        }
    }

    private static String catchSql(String url, String password) {
        try (var ignored = java.sql.DriverManager.getConnection(url, EmbeddedPostgres.SUPERUSER, password)) {
            return "connected";
        } catch (java.sql.SQLException e) {
            return e.getSQLState();
        }
    }

    private static long postmasterPid(EmbeddedPostgres pg) {
        try {
            return Long.parseLong(Files.readAllLines(pg.dataDirectory().resolve("postmaster.pid")).get(0).strip());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
