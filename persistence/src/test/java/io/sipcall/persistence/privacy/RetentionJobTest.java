package io.sipcall.persistence.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.sipcall.config.RetentionConfig;
import io.sipcall.persistence.Database;
import io.sipcall.persistence.audit.AuditEntry;
import io.sipcall.persistence.audit.AuditLog;
import io.sipcall.persistence.testing.TestDatabase;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RetentionJobTest {

    private static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final RetentionConfig DAILY = new RetentionConfig(30, 90, Duration.ofDays(1));
    private static final Duration SECOND = Duration.ofSeconds(1);

    private Database db;
    private Jdbi jdbi;
    private Fixtures fixtures;

    @BeforeEach
    void openDatabase() {
        db = TestDatabase.fresh();
        jdbi = db.jdbi();
        fixtures = new Fixtures(jdbi);
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void call_records_older_than_the_limit_are_deleted_with_their_events_and_newer_ones_kept() {
        Instant limit = NOW.minus(Duration.ofDays(30));
        call("just-too-old", limit.minus(SECOND));
        call("a-year-old", NOW.minus(Duration.ofDays(365)));
        call("just-young-enough", limit.plus(SECOND));
        call("yesterday", NOW.minus(Duration.ofDays(1)));

        PurgeSummary summary = new RetentionJob(jdbi, DAILY, CLOCK).runOnce();

        assertThat(summary.callRecords()).isEqualTo(2);
        assertThat(summary.callsBefore()).isEqualTo(limit);
        assertThat(strings("SELECT id FROM calls ORDER BY id")).containsExactly("just-young-enough", "yesterday");
        assertThat(strings("SELECT DISTINCT call_id FROM call_events ORDER BY call_id"))
                .containsExactly("just-young-enough", "yesterday");
    }

    @Test
    void audit_entries_older_than_their_own_limit_are_deleted_and_newer_ones_kept() {
        Instant limit = NOW.minus(Duration.ofDays(90));
        fixtures.audit(limit.minus(SECOND), "admin", "192.0.2.1", "user.created", "user:old", "{}");
        fixtures.audit(limit.plus(SECOND), "admin", "192.0.2.1", "user.created", "user:kept", "{}");
        call("forty-days-old", NOW.minus(Duration.ofDays(40)));

        PurgeSummary summary = new RetentionJob(jdbi, DAILY, CLOCK).runOnce();

        assertThat(summary.auditEntries()).isEqualTo(1);
        assertThat(summary.callRecords()).isEqualTo(1);
        assertThat(strings("SELECT target FROM audit_log WHERE action = 'user.created'")).containsExactly("user:kept");
    }

    @Test
    void a_backlog_larger_than_one_batch_is_deleted_completely() {
        for (int i = 0; i < 5; i++) {
            call("old-" + i, NOW.minus(Duration.ofDays(100 + i)));
        }
        call("new", NOW);

        PurgeSummary summary = new RetentionJob(jdbi, DAILY, CLOCK, 2).runOnce();

        assertThat(summary.callRecords()).isEqualTo(5);
        assertThat(strings("SELECT id FROM calls")).containsExactly("new");
    }

    @Test
    void a_purge_is_audited_by_the_system_with_its_counts() {
        call("old", NOW.minus(Duration.ofDays(31)));

        new RetentionJob(jdbi, DAILY, CLOCK).runOnce();

        AuditEntry entry = new AuditLog(jdbi).recent(1).get(0);
        assertThat(entry.action()).isEqualTo("retention.purged");
        assertThat(entry.actor()).isEqualTo(AuditEntry.SYSTEM);
        assertThat(entry.source()).isEqualTo("scheduler");
        assertThat(entry.detail()).containsEntry("calls", 1).containsEntry("audit_entries", 0)
                .containsEntry("calls_before", NOW.minus(Duration.ofDays(30)).toString());
    }

    @Test
    void a_run_with_nothing_to_delete_writes_no_audit_entry() {
        call("recent", NOW.minus(Duration.ofDays(1)));

        PurgeSummary summary = new RetentionJob(jdbi, DAILY, CLOCK).runOnce();

        assertThat(summary.deletedAnything()).isFalse();
        assertThat(new AuditLog(jdbi).recent(10)).isEmpty();
    }

    @Test
    void call_records_deleted_before_a_failure_are_still_audited() {
        call("old", NOW.minus(Duration.ofDays(31)));
        fixtures.audit(NOW.minus(Duration.ofDays(91)), "admin", "192.0.2.1", "user.created", "user:old", "{}");
        jdbi.useHandle(h -> h.execute("CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS "
                + "$$ BEGIN RAISE EXCEPTION 'audit log deletion refused'; END $$; "
                + "CREATE TRIGGER refuse_delete BEFORE DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION refuse()"));

        assertThatThrownBy(() -> new RetentionJob(jdbi, DAILY, CLOCK).runOnce())
                .hasMessageContaining("audit log deletion refused");

        assertThat(strings("SELECT id FROM calls")).isEmpty();
        AuditEntry entry = new AuditLog(jdbi).recent(1).get(0);
        assertThat(entry.action()).isEqualTo("retention.purged");
        assertThat(entry.detail()).containsEntry("calls", 1).containsEntry("audit_entries", 0);
    }

    @Test
    void the_started_job_runs_by_itself_every_interval() {
        call("old", NOW.minus(Duration.ofDays(31)));
        RetentionConfig often = new RetentionConfig(30, 90, Duration.ofMillis(100));

        try (RetentionJob job = new RetentionJob(jdbi, often, CLOCK)) {
            job.start();
            await().atMost(Duration.ofSeconds(10)).until(() -> strings("SELECT id FROM calls").isEmpty());
            call("old-later", NOW.minus(Duration.ofDays(32)));
            await().atMost(Duration.ofSeconds(10)).until(() -> strings("SELECT id FROM calls").isEmpty());
        }
        assertThat(strings("SELECT action FROM audit_log")).containsExactly("retention.purged", "retention.purged");
    }

    @Test
    void a_failed_run_is_retried_at_the_next_interval_and_the_schedule_survives() {
        call("old", NOW.minus(Duration.ofDays(31)));
        jdbi.useHandle(h -> h.execute("ALTER TABLE calls RENAME TO calls_away"));
        RetentionConfig often = new RetentionConfig(30, 90, Duration.ofMillis(100));

        try (RetentionJob job = new RetentionJob(jdbi, often, CLOCK)) {
            job.start();
            await().atMost(Duration.ofSeconds(10)).until(() -> job.failedRuns() >= 2);
            jdbi.useHandle(h -> h.execute("ALTER TABLE calls_away RENAME TO calls"));
            await().atMost(Duration.ofSeconds(10)).until(() -> strings("SELECT id FROM calls").isEmpty());
        }
    }

    private void call(String id, Instant startedAt) {
        fixtures.call(id, "alice", "+4930111111", "+4915122222", startedAt);
    }

    private List<String> strings(String sql) {
        return jdbi.withHandle(h -> h.createQuery(sql).mapTo(String.class).list());
    }
}
