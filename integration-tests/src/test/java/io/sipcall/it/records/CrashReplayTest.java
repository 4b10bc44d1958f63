package io.sipcall.it.records;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sipcall.config.ConfigLoader;
import io.sipcall.it.app.SipCallProcess;
import io.sipcall.it.sipp.FreePorts;
import io.sipcall.it.sipp.Sipp;
import io.sipcall.it.sipp.SippProcess;
import io.sipcall.persistence.crypto.KeyRing;
import io.sipcall.persistence.record.Journal;
import io.sipcall.persistence.record.StoredCall;
import io.sipcall.persistence.testing.StoppablePostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * The second "nothing lost": SIPCall killed with SIGKILL. The runnable jar runs as its own
 * process ({@link SipCallProcess}) against a PostgreSQL of this test's own (SIPCALL_DATABASE_URL: the
 * jar's embedded one never starts), SIPp calls go through it, the process is killed, and a new
 * process on the same data directory replays the spool it left.
 *
 * <p>What each process did is read from outside: the spool file (a copy, because a running writer
 * locks it; read with the product's {@link Journal}), the writer's log lines, and the tables.
 */
class CrashReplayTest {

    private static final int CALLS = 20;
    private static final String TRUNK = "callee";
    /** A US number (default country US): routed by the "+1" route after normalising to E.164. */
    private static final String NUMBER = "16502530000";
    private static final String NUMBER_E164 = "+16502530000";
    private static final Duration START = Duration.ofSeconds(30);
    private static final Duration RUN = Duration.ofSeconds(30);
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final Duration POLL = Duration.ofMillis(100);
    private static final String STARTED = "SIPCall started; SIP on ";
    private static final String SPOOLING = "event=call-records-spooling";
    private static final String WRITER_STARTED = "event=call-record-writer-started";
    private static final String RECOVERED = "event=call-records-recovered";
    /** Where the writer keeps records the database refused, beside the spool. */
    private static final String REJECTED = "calls.rejected";

    /** Kept when a test fails: the jar's and SIPp's logs, the spool, the database. */
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path tmp;

    private final int sipPort = FreePorts.udpAndTcp();
    private final int trunkPort = FreePorts.udpAndTcp();

    @BeforeAll
    static void the_jar_is_built() {
        SipCallProcess.jar();
    }

    @Test
    void records_spooled_while_the_database_was_down_survive_a_kill_and_are_stored_once_at_the_next_start()
            throws IOException {
        Path dataDir = tmp.resolve("data");
        try (StoppablePostgres database = StoppablePostgres.start(tmp.resolve("postgres"))) {
            StoredRecords stored = new StoredRecords(database.coordinates());
            List<StoredCall> spooled;
            try (SipCallProcess sipcall = start("first-run", dataDir, database)) {
                database.stop();
                placeCalls();
                sipcall.awaitLogLine(SPOOLING, PATIENCE);
                await("every record in the spool").atMost(PATIENCE).pollInterval(POLL)
                        .until(() -> spooled(dataDir).size() == CALLS);
                sipcall.kill();
                spooled = spooled(dataDir);
            }
            assertThat(ids(spooled)).as("records in the spool the killed process left").hasSize(CALLS)
                    .doesNotHaveDuplicates();

            database.restart();
            assertThat(stored.calls()).as("records stored before the second start").isZero();
            try (SipCallProcess sipcall = start("second-run", dataDir, database)) {
                assertThat(sipcall.awaitLogLine(RECOVERED, PATIENCE)).contains("replayed=" + CALLS + " recovered="
                        + CALLS + " note=");
                assertThat(sipcall.logLine(WRITER_STARTED)).endsWith("spooled=" + CALLS);
                assertNothingSetAside(sipcall, dataDir);

                assertThat(stored.ids()).containsExactlyInAnyOrderElementsOf(ids(spooled));
                assertThat(stored.events()).isEqualTo(5L * CALLS);
                stored.assertEveryCallAnsweredAndHungUpByCaller(TRUNK);
                stored.assertEveryCallDialled(NUMBER_E164, keysOf(dataDir));
            }
        }
    }

    @Test
    void records_stored_just_before_a_kill_are_not_stored_again_when_the_spool_is_replayed() throws IOException {
        Path dataDir = tmp.resolve("data");
        try (StoppablePostgres database = StoppablePostgres.start(tmp.resolve("postgres"))) {
            StoredRecords stored = new StoredRecords(database.coordinates());
            try (SipCallProcess sipcall = start("first-run", dataDir, database)) {
                placeCalls();
                await("every record stored").atMost(PATIENCE).pollInterval(POLL).until(() -> stored.calls() == CALLS);
                sipcall.kill();
            }
            // Stored, and still spooled: the writer empties its spool only once it is large or a minute old.
            List<StoredCall> spooled = spooled(dataDir);
            assertThat(ids(spooled)).as("records in the spool the killed process left")
                    .containsExactlyInAnyOrderElementsOf(stored.ids());

            try (SipCallProcess sipcall = start("second-run", dataDir, database)) {
                assertThat(sipcall.awaitLogLine(RECOVERED, PATIENCE)).contains("replayed=" + CALLS + " recovered=0 note=");
                assertThat(sipcall.logLine(WRITER_STARTED)).endsWith("spooled=" + CALLS);
                assertNothingSetAside(sipcall, dataDir);

                assertThat(stored.calls()).isEqualTo(CALLS);
                assertThat(stored.events()).isEqualTo(5L * CALLS);
                stored.assertEveryCallAnsweredAndHungUpByCaller(TRUNK);
                stored.assertEveryCallDialled(NUMBER_E164, keysOf(dataDir));
            }
        }
    }

    /**
     * Starts the jar on {@code dataDir}, pointed at {@code database}, with one trunk (the SIPp callee)
     * and a route for +1 numbers; SIPp callers on 127.0.0.1 are trusted peers. Returns once it serves
     * SIP, having checked that it did not start an embedded PostgreSQL.
     */
    private SipCallProcess start(String run, Path dataDir, StoppablePostgres database) throws IOException {
        Map<String, String> env = new HashMap<>(database.coordinates().environment());
        env.put("SIPCALL_DATA_DIR", dataDir.toString());
        env.put("SIPCALL_DATABASE_CONNECT_TIMEOUT", "1s");
        env.put("SIPCALL_DATABASE_RETRY_INTERVAL", "200ms");
        env.put("SIPCALL_SIP_BIND_ADDRESS", "127.0.0.1");
        env.put("SIPCALL_SIP_UDP_PORT", Integer.toString(sipPort));
        env.put("SIPCALL_SIP_TCP_PORT", Integer.toString(sipPort));
        env.put("SIPCALL_SIP_TLS_PORT", "0");
        env.put("SIPCALL_TRUNKS_CALLEE_HOST", "127.0.0.1");
        env.put("SIPCALL_TRUNKS_CALLEE_PORT", Integer.toString(trunkPort));
        env.put("SIPCALL_ROUTES_0_PREFIX", "+1");
        env.put("SIPCALL_ROUTES_0_TRUNKS", TRUNK);
        env.put("SIPCALL_GATEWAY_TRUSTED_PEERS", "127.0.0.1/32");
        env.put("SIPCALL_TOLL_FRAUD_ENABLED", "false");
        SipCallProcess sipcall = SipCallProcess.start(Files.createDirectory(tmp.resolve(run)), env);
        try {
            sipcall.awaitLogLine(STARTED, START);
            assertThat(sipcall.stdout()).as("the embedded PostgreSQL").doesNotContain("embedded-postgres");
            assertThat(dataDir.resolve("postgres")).doesNotExist();
            return sipcall;
        } catch (RuntimeException | AssertionError e) {
            sipcall.close();
            throw e;
        }
    }

    /** {@link #CALLS} calls, ten a second, SIPp caller to SIPp callee through the jar: all must succeed. */
    private void placeCalls() {
        try (SippProcess callee = Sipp.scenario("uas-answer.xml").transport(Sipp.Transport.UDP).localPort(trunkPort)
                .calls(CALLS).workDir(tmp).start()) {
            Sipp.scenario("uac-basic.xml").transport(Sipp.Transport.UDP).remote("127.0.0.1", sipPort).service(NUMBER)
                    .calls(CALLS).rate(10, Duration.ofSeconds(1)).workDir(tmp).run(RUN).assertSucceeded();
            callee.awaitExit(RUN).assertSucceeded();
        }
    }

    /**
     * The records in the spool under {@code dataDir}, read from a copy: a running writer holds a lock
     * on the file, and reading cuts off a torn tail, which must not touch the real spool.
     */
    private List<StoredCall> spooled(Path dataDir) throws IOException {
        Path copy = Files.createTempDirectory(tmp, "spool-copy-");
        Files.copy(dataDir.resolve("spool").resolve(Journal.FILE_NAME), copy.resolve(Journal.FILE_NAME));
        try (Journal journal = Journal.open(copy)) {
            return journal.readAll();
        }
    }

    /** No record refused and kept aside in {@code calls.rejected} by the replay, and no ERROR at all. */
    private static void assertNothingSetAside(SipCallProcess sipcall, Path dataDir) {
        assertThat(dataDir.resolve("spool").resolve(REJECTED)).doesNotExist();
        assertThat(sipcall.stdout()).as(sipcall.describe("log")).doesNotContain(" ERROR ");
    }

    /** The keys the jar generated under {@code dataDir} (no {@code encryption.keys} configured). */
    private static KeyRing keysOf(Path dataDir) {
        return KeyRing.load(ConfigLoader.load(Optional.empty(), Map.of()).encryption(), dataDir);
    }

    private static List<String> ids(List<StoredCall> calls) {
        return calls.stream().map(StoredCall::id).toList();
    }
}
