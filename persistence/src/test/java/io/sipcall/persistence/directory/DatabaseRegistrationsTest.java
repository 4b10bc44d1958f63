package io.sipcall.persistence.directory;

import static io.sipcall.persistence.directory.Entries.ADMIN;
import static io.sipcall.persistence.directory.Entries.alice;
import static io.sipcall.persistence.directory.Entries.bob;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sipcall.persistence.Database;
import io.sipcall.persistence.testing.TestDatabase;
import io.sipcall.sip.port.Registrations.Binding;
import io.sipcall.sip.route.testkit.TestClock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DatabaseRegistrationsTest {

    private static final Duration RETRY = Duration.ofMillis(200);
    private static final Duration HOURLY = Duration.ofHours(1);

    private final TestClock clock = TestClock.at("2025-06-01T10:00:00Z");
    private final Database database = TestDatabase.fresh();
    private DatabaseRegistrations registrations;

    DatabaseRegistrationsTest() {
        DirectoryStore store = Entries.store(database);
        store.createUser(ADMIN, "alice", alice());
        store.createUser(ADMIN, "bob", bob());
    }

    @AfterEach
    void close() {
        if (registrations != null) {
            registrations.close();
        }
        database.close();
    }

    @Test
    void bindings_survive_a_restart() {
        registrations = DatabaseRegistrations.start(database.jdbi(), clock, RETRY, HOURLY);
        Binding desk = binding("sip:alice@192.0.2.1:5060", Duration.ofMinutes(10));
        Binding phone = binding("sip:alice@192.0.2.2:5060", Duration.ofMinutes(20));
        registrations.put("alice", desk);
        registrations.put("alice", phone);
        registrations.close();

        registrations = DatabaseRegistrations.start(database.jdbi(), clock, RETRY, HOURLY);

        assertThat(registrations.bindings("alice", clock.instant())).containsExactlyInAnyOrder(desk, phone);
        assertThat(registrations.bindings("bob", clock.instant())).isEmpty();
    }

    @Test
    void a_change_is_written_behind_and_replaces_the_users_rows() {
        registrations = DatabaseRegistrations.start(database.jdbi(), clock, RETRY, HOURLY);
        registrations.put("alice", binding("sip:alice@192.0.2.1:5060", Duration.ofMinutes(10)));
        registrations.put("alice", binding("sip:alice@192.0.2.2:5060", Duration.ofMinutes(10)));
        registrations.put("bob", binding("sip:bob@192.0.2.3:5060", Duration.ofMinutes(10)));
        await().until(() -> storedContacts("alice").size() == 2 && storedContacts("bob").size() == 1);

        registrations.remove("alice", "sip:alice@192.0.2.1:5060");
        registrations.removeAll("bob");

        await().until(() -> storedContacts("alice").equals(List.of("sip:alice@192.0.2.2:5060"))
                && storedContacts("bob").isEmpty());
    }

    @Test
    void a_refreshed_binding_replaces_its_row() {
        registrations = DatabaseRegistrations.start(database.jdbi(), clock, RETRY, HOURLY);
        registrations.put("alice", binding("sip:alice@192.0.2.1:5060", Duration.ofMinutes(10)));
        Binding refreshed = new Binding("sip:alice@192.0.2.1:5060", clock.instant().plus(Duration.ofHours(1)),
                "call-1", 2, "192.0.2.1:5060");

        registrations.put("alice", refreshed);
        registrations.close();

        registrations = DatabaseRegistrations.start(database.jdbi(), clock, RETRY, HOURLY);
        assertThat(registrations.bindings("alice", clock.instant())).containsExactly(refreshed);
    }

    @Test
    void expired_bindings_are_not_loaded_and_their_rows_are_purged() {
        registrations = DatabaseRegistrations.start(database.jdbi(), clock, RETRY, HOURLY);
        registrations.put("alice", binding("sip:alice@192.0.2.1:5060", Duration.ofMinutes(1)));
        Binding lasting = binding("sip:alice@192.0.2.2:5060", Duration.ofHours(2));
        registrations.put("alice", lasting);
        registrations.close();
        clock.advance(Duration.ofMinutes(5));

        registrations = DatabaseRegistrations.start(database.jdbi(), clock, RETRY, Duration.ofMillis(100));

        assertThat(registrations.bindings("alice", clock.instant())).containsExactly(lasting);
        assertThat(storedContacts("alice")).containsExactly("sip:alice@192.0.2.2:5060");
        clock.advance(Duration.ofHours(3));
        await().until(() -> storedContacts("alice").isEmpty());
    }

    @Test
    void a_user_the_database_does_not_know_stays_in_memory_and_is_not_retried() {
        registrations = DatabaseRegistrations.start(database.jdbi(), clock, RETRY, HOURLY);
        Binding ghost = binding("sip:ghost@192.0.2.9:5060", Duration.ofMinutes(10));

        try (LogCapture log = LogCapture.of(DatabaseRegistrations.class)) {
            registrations.put("ghost", ghost);
            await().until(() -> !log.lines("event=registration-not-kept user=ghost").isEmpty());
        }

        assertThat(registrations.pendingUsers()).isZero();
        assertThat(registrations.bindings("ghost", clock.instant())).containsExactly(ghost);
    }

    private Binding binding(String contact, Duration lifetime) {
        return new Binding(contact, clock.instant().plus(lifetime), "call-" + contact.hashCode(), 1, "192.0.2.1:5060");
    }

    private List<String> storedContacts(String userId) {
        return database.jdbi().withHandle(handle -> handle.createQuery(
                        "SELECT contact FROM registrations WHERE user_id = :user ORDER BY contact")
                .bind("user", userId).mapTo(String.class).list());
    }
}
