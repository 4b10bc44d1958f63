package io.sipcall.persistence.record;

import io.sipcall.persistence.testing.StoppablePostgres;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.awaitility.Awaitility.await;

import io.sipcall.persistence.Database;
import io.sipcall.persistence.testing.TestDatabase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordWriterTest {

    private static final Duration RETRY = Duration.ofMillis(200);
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @Test
    void submitted_records_arrive_in_the_database_with_their_events() throws InterruptedException {
        try (Database db = TestDatabase.fresh();
             RecordWriter writer = RecordWriter.start(new CallRecordStore(db.jdbi()), spool(), RETRY)) {
            Calls.answered("w", 3).forEach(writer::submit);

            assertThat(writer.awaitIdle(PATIENCE)).isTrue();
            assertThat(new CallRecordStore(db.jdbi()).count()).isEqualTo(3);
            assertThat(Tables.eventRows(db)).isEqualTo(15);
            assertThat(writer.written()).isEqualTo(3);
            assertThat(writer.databaseUp()).isTrue();
        }
    }

    @Test
    void while_the_database_is_down_records_are_spooled_and_arrive_exactly_once_when_it_returns()
            throws Exception {
        try (StoppablePostgres pg = StoppablePostgres.start(dir.resolve("pg"));
             Database db = pg.open(RETRY);
             RecordWriter writer = RecordWriter.start(new CallRecordStore(db.jdbi()), spool(), RETRY)) {
            writer.submit(Calls.answered("before"));
            assertThat(writer.awaitIdle(PATIENCE)).isTrue();

            pg.stop();
            Calls.answered("outage", 20).forEach(writer::submit);
            await().atMost(PATIENCE).until(() -> writer.spoolDepth() == 20 && !writer.databaseUp());
            assertThat(spoolText()).doesNotContain(Calls.plaintexts());

            pg.restart();
            assertThat(writer.awaitIdle(PATIENCE)).isTrue();
            assertThat(writer.databaseUp()).isTrue();
            assertThat(new CallRecordStore(db.jdbi()).count()).isEqualTo(21);
            assertThat(Tables.eventRows(db)).isEqualTo(21 * 5);
            assertThat(writer.written()).isEqualTo(21);
            assertThat(Files.size(spool().resolve(Journal.FILE_NAME))).isZero();
            assertThat(Tables.callsAsText(db)).doesNotContain(Calls.plaintexts());
        }
    }

    @Test
    void a_killed_writer_loses_nothing_it_spooled_and_the_next_writer_stores_each_record_once() throws Exception {
        try (StoppablePostgres pg = StoppablePostgres.start(dir.resolve("pg"));
             Database db = pg.open(RETRY)) {
            CallRecordStore store = new CallRecordStore(db.jdbi());
            RecordWriter killed = RecordWriter.start(store, spool(), RETRY);
            Calls.answered("stored", 5).forEach(killed::submit);
            assertThat(killed.awaitIdle(PATIENCE)).isTrue(); // stored, and still in the spool (below its threshold)
            pg.stop();
            Calls.answered("spooled", 20).forEach(killed::submit);
            await().atMost(PATIENCE).until(() -> killed.spoolDepth() == 20);
            killed.halt();
            pg.restart();

            try (RecordWriter next = RecordWriter.start(store, spool(), RETRY)) {
                assertThat(next.awaitIdle(PATIENCE)).isTrue();
                assertThat(store.count()).isEqualTo(25);
                assertThat(Tables.eventRows(db)).isEqualTo(25 * 5);
                assertThat(next.written()).isEqualTo(20);
            }
        }
    }

    @Test
    void submitting_never_waits_for_a_database_that_hangs() throws Exception {
        try (Database db = TestDatabase.fresh();
             RecordWriter writer = RecordWriter.start(new CallRecordStore(db.jdbi()), spool(), RETRY);
             Handle locker = db.jdbi().open()) {
            locker.begin();
            locker.execute("LOCK TABLE calls IN ACCESS EXCLUSIVE MODE");
            writer.submit(Calls.answered("stuck"));
            await().atMost(PATIENCE).until(() -> Tables.sessionsWaitingForALock(db) == 1);

            List<StoredCall> more = Calls.answered("meanwhile", 100);
            assertTimeoutPreemptively(Duration.ofSeconds(5), () -> more.forEach(writer::submit));

            locker.rollback();
            assertThat(writer.awaitIdle(PATIENCE)).isTrue();
            assertThat(new CallRecordStore(db.jdbi()).count()).isEqualTo(101);
        }
    }

    @Test
    void replaying_a_spool_whose_records_are_already_stored_adds_nothing() throws Exception {
        List<StoredCall> calls = Calls.answered("again", 10);
        try (Journal journal = Journal.open(spool())) {
            journal.append(calls);
        }
        try (Database db = TestDatabase.fresh()) {
            CallRecordStore store = new CallRecordStore(db.jdbi());
            store.insert(calls);
            try (RecordWriter writer = RecordWriter.start(store, spool(), RETRY)) {
                assertThat(writer.awaitIdle(PATIENCE)).isTrue();
                assertThat(writer.written()).isZero();
            }
            assertThat(store.count()).isEqualTo(10);
            assertThat(Tables.eventRows(db)).isEqualTo(50);
        }
        assertThat(spoolBytes()).isZero();
    }

    @Test
    void in_normal_mode_the_spool_is_emptied_only_once_it_outgrows_its_threshold() throws Exception {
        try (Database db = TestDatabase.fresh()) {
            CallRecordStore store = new CallRecordStore(db.jdbi());
            try (RecordWriter writer = RecordWriter.start(store, spool(), RETRY, 500, 3_000, Duration.ofHours(1))) {
                writer.submit(Calls.answered("small"));
                assertThat(writer.awaitIdle(PATIENCE)).isTrue();
                long oneRecord = spoolBytes();
                assertThat(oneRecord).isPositive().isLessThan(3_000);

                Calls.answered("big", 3).forEach(writer::submit);
                assertThat(writer.awaitIdle(PATIENCE)).isTrue();
                assertThat(spoolBytes()).isLessThan(3_000);
            }
            assertThat(store.count()).isEqualTo(4);
        }
    }

    @Test
    void in_normal_mode_stored_records_leave_the_spool_once_they_are_older_than_its_max_age() throws Exception {
        try (Database db = TestDatabase.fresh();
             RecordWriter writer = RecordWriter.start(new CallRecordStore(db.jdbi()), spool(), RETRY, 500,
                     RecordWriter.DEFAULT_RESET_THRESHOLD_BYTES, Duration.ofMillis(300))) {
            writer.submit(Calls.answered("aging"));
            assertThat(writer.awaitIdle(PATIENCE)).isTrue();

            // No further record arrives: the idle writer wakes up by itself to empty the spool, so a
            // restart cannot replay a stored record that retention may since have deleted.
            await().atMost(PATIENCE).until(() -> spoolBytes() == 0);
        }
    }

    @Test
    void closing_while_the_database_is_unreachable_leaves_every_queued_record_in_the_spool() {
        Database db = TestDatabase.fresh();
        db.close(); // its pool refuses every connection from now on
        RecordWriter writer = RecordWriter.start(new CallRecordStore(db.jdbi()), spool(), RETRY);
        Calls.answered("closing", 10).forEach(writer::submit);

        assertThat(writer.close(PATIENCE)).isTrue();

        assertThat(writer.databaseUp()).isFalse();
        try (Journal journal = Journal.open(spool())) {
            assertThat(journal.readAll()).extracting(StoredCall::id).hasSize(10).allMatch(id -> id.startsWith("closing-"));
        }
    }

    @Test
    void a_record_the_database_refuses_is_set_aside_and_does_not_hold_back_the_others() throws InterruptedException {
        StoredCall good = Calls.answered("good");
        StoredCall bad = Calls.withDuration(Calls.answered("bad"), -1);
        try (Database db = TestDatabase.fresh();
             RecordWriter writer = RecordWriter.start(new CallRecordStore(db.jdbi()), spool(), RETRY)) {
            writer.submit(bad);
            writer.submit(good);

            assertThat(writer.awaitIdle(PATIENCE)).isTrue();
            assertThat(writer.databaseUp()).isTrue();
            assertThat(new CallRecordStore(db.jdbi()).find("good")).isPresent();
        }
        try (Journal rejected = Journal.open(spool(), Delivery.REJECTED_FILE)) {
            assertThat(rejected.readAll()).extracting(StoredCall::id).containsExactly("bad");
        }
    }

    private Path spool() {
        return dir.resolve("spool");
    }

    private long spoolBytes() throws IOException {
        return Files.size(spool().resolve(Journal.FILE_NAME));
    }

    private String spoolText() throws IOException {
        return new String(Files.readAllBytes(spool().resolve(Journal.FILE_NAME)), StandardCharsets.ISO_8859_1);
    }
}
