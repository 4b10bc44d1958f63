package io.sipcall.persistence.directory;

import io.sipcall.persistence.testing.StoppablePostgres;
import static io.sipcall.persistence.directory.Entries.ADMIN;
import static io.sipcall.persistence.directory.Entries.alice;
import static io.sipcall.persistence.directory.Entries.plain;
import static io.sipcall.persistence.directory.Entries.telnyx;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.sipcall.persistence.Database;
import io.sipcall.sip.port.Directory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The directory while its database is stopped and after it is back, on a PostgreSQL of its own. */
class DirectoryOutageTest {

    /** The database section's retry interval (not used by these adapters, which have their own). */
    private static final java.time.Duration RETRY = java.time.Duration.ofMillis(200);

    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path home;

    private StoppablePostgres postgres;
    private Database database;
    private DatabaseDirectory directory;

    @AfterEach
    void close() {
        if (postgres != null) {
            postgres.close(); // and what the test opened on it
        }
    }

    @Test
    void lookups_keep_answering_while_the_database_is_down_and_changes_show_once_it_is_back() {
        postgres = StoppablePostgres.start(home);
        database = postgres.open(RETRY);
        DirectoryStore store = Entries.store(database);
        new ConfigSeeder(store).seed(Map.of("alice", alice()), Map.of("telnyx", telnyx()), List.of());
        directory = postgres.closing(DatabaseDirectory.start(store, Duration.ofMillis(200)));

        try (LogCapture log = LogCapture.of(DatabaseDirectory.class)) {
            postgres.stop();
            await().atMost(WAIT).until(directory::isStale);

            assertThat(directory.userBySipUsername("alice-sip")).map(Directory.User::id).contains("alice");
            assertThat(directory.trunk("telnyx")).contains(telnyx());
            assertThat(directory.refresh()).isFalse();

            postgres.restart();
            await().atMost(WAIT).until(database::isReachable);
            store.createTrunk(ADMIN, "backup", plain("backup.example.net"));

            await().atMost(WAIT).until(() -> directory.trunk("backup").isPresent());
            assertThat(directory.isStale()).isFalse();
            assertThat(log.lines("event=directory-refresh-failing")).hasSize(1);
            assertThat(log.lines("event=directory-refresh-recovered")).hasSize(1);
        }
    }

    @Test
    void start_fails_when_the_database_cannot_be_read() {
        postgres = StoppablePostgres.start(home);
        database = postgres.open(RETRY);
        DirectoryStore store = Entries.store(database);
        postgres.stop();

        assertThatThrownBy(() -> DatabaseDirectory.start(store, Duration.ofSeconds(5)))
                .isInstanceOf(DirectoryUnavailableException.class)
                .hasMessageStartingWith("cannot load the directory: the database failed");
    }
}
