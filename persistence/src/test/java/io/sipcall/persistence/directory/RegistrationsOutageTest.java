package io.sipcall.persistence.directory;

import io.sipcall.persistence.testing.StoppablePostgres;
import static io.sipcall.persistence.directory.Entries.ADMIN;
import static io.sipcall.persistence.directory.Entries.alice;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sipcall.persistence.Database;
import io.sipcall.sip.port.Registrations.Binding;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Registrations while their database is stopped and after it is back, on a PostgreSQL of their own. */
class RegistrationsOutageTest {

    /** The database section's retry interval (not used by these adapters, which have their own). */
    private static final java.time.Duration RETRY = java.time.Duration.ofMillis(200);

    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path home;

    private StoppablePostgres postgres;
    private Database database;
    private DatabaseRegistrations registrations;

    @AfterEach
    void close() {
        if (postgres != null) {
            postgres.close(); // and what the test opened on it
        }
    }

    @Test
    void a_register_during_an_outage_returns_at_once_and_is_written_when_the_database_is_back() {
        postgres = StoppablePostgres.start(home);
        database = postgres.open(RETRY);
        Entries.store(database).createUser(ADMIN, "alice", alice());
        registrations = postgres.closing(DatabaseRegistrations.start(database.jdbi(), Clock.systemUTC(),
                Duration.ofMillis(200), Duration.ofHours(1)));
        Binding binding = aliceForAnHour();

        try (LogCapture log = LogCapture.of(DatabaseRegistrations.class)) {
            postgres.stop();
            long start = System.nanoTime();
            registrations.put("alice", binding);
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            assertThat(took).isLessThan(Duration.ofMillis(250)); // the pool's connect timeout is 1 s
            assertThat(registrations.bindings("alice", Instant.now())).containsExactly(binding);
            await().atMost(WAIT).until(() -> !log.lines("event=registrations-write-failing").isEmpty());
            assertThat(registrations.pendingUsers()).isEqualTo(1);

            postgres.restart();

            await().atMost(WAIT).ignoreExceptions().until(() -> storedContacts().equals(List.of(binding.contact())));
            await().atMost(WAIT).until(() -> registrations.pendingUsers() == 0);
            assertThat(log.lines("event=registrations-write-failing")).hasSize(1);
            assertThat(log.lines("event=registrations-write-recovered")).hasSize(1);
        }
    }

    @Test
    void bindings_written_before_an_outage_are_loaded_by_the_next_instance() {
        postgres = StoppablePostgres.start(home);
        database = postgres.open(RETRY);
        Entries.store(database).createUser(ADMIN, "alice", alice());
        registrations = postgres.closing(DatabaseRegistrations.start(database.jdbi(), Clock.systemUTC(),
                Duration.ofMillis(200), Duration.ofHours(1)));
        Binding binding = aliceForAnHour();
        registrations.put("alice", binding);
        await().atMost(WAIT).until(() -> storedContacts().size() == 1);
        registrations.close();
        postgres.stop();
        postgres.restart();
        await().atMost(WAIT).until(database::isReachable);

        registrations = postgres.closing(DatabaseRegistrations.start(database.jdbi(), Clock.systemUTC(),
                Duration.ofMillis(200), Duration.ofHours(1)));

        assertThat(registrations.bindings("alice", Instant.now())).containsExactly(binding);
    }

    /** Whole seconds, as REGISTER's Expires gives them (the column keeps microseconds). */
    private static Binding aliceForAnHour() {
        Instant expires = Instant.now().truncatedTo(ChronoUnit.SECONDS).plus(Duration.ofHours(1));
        return new Binding("sip:alice@192.0.2.1:5060", expires, "c1", 1, "192.0.2.1:5060");
    }

    private List<String> storedContacts() {
        return database.jdbi().withHandle(handle -> handle.createQuery(
                "SELECT contact FROM registrations WHERE user_id = 'alice'").mapTo(String.class).list());
    }
}
