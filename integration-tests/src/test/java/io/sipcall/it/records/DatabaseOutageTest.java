package io.sipcall.it.records;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sipcall.it.ConfiguredB2bua;
import io.sipcall.it.sipp.FreePorts;
import io.sipcall.it.sipp.Sipp;
import io.sipcall.it.sipp.SippProcess;
import io.sipcall.persistence.record.RecordWriter;
import io.sipcall.persistence.testing.StoppablePostgres;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * The first "nothing lost": the database goes away while calls go on. An in-process B2BUA
 * ({@link ConfiguredB2bua}) stores its call records in a PostgreSQL of this test's own, which the test
 * stops while SIPp callers call a SIPp callee through the B2BUA, and starts again.
 *
 * <p>Why the calls prove that nothing on the call path waits for the database: each one must get
 * every response within the B2BUA's trunk-response timeout (SIPp's receive timeout is set to it),
 * and any wait on the stopped database lasts the pool's connect timeout, well over twice as long.
 */
class DatabaseOutageTest {

    private static final int CALLS = 20;
    private static final String TRUNK = "callee";
    private static final String NUMBER = "15550100";
    private static final Duration TRUNK_RESPONSE = Duration.ofSeconds(2);
    /**
     * How long anything that asks the stopped database for a connection waits before it gives up (the
     * default {@code database.connect-timeout}): the pool waits that long even when it is refused.
     */
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration RETRY = Duration.ofMillis(200);
    private static final Duration RUN = Duration.ofSeconds(30);
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final Duration POLL = Duration.ofMillis(50);

    /** Kept when the test fails: SIPp's logs, the database. */
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path tmp;

    private final int trunkPort = FreePorts.udpAndTcp();

    @Test
    void calls_go_on_while_the_database_is_down_and_each_record_is_stored_once_when_it_returns()
            throws InterruptedException {
        try (StoppablePostgres database = StoppablePostgres.start(tmp.resolve("postgres"));
                ConfiguredB2bua b2bua = ConfiguredB2bua.with("""
                        trunks:
                          %s: {host: 127.0.0.1, port: %d, transport: udp}
                        routes:
                          - {prefix: "1", trunks: [%s]}
                        toll-fraud:
                          enabled: false
                        """.formatted(TRUNK, trunkPort, TRUNK))
                        .trunkResponseTimeout(TRUNK_RESPONSE)
                        .database(database.coordinates(), CONNECT_TIMEOUT, RETRY)
                        .start()) {
            RecordWriter writer = b2bua.server().storage().recordWriter();
            StoredRecords stored = new StoredRecords(database.coordinates());

            // One call while the database is up: stored at once, the writer in normal mode.
            placeCalls(b2bua, 1);
            assertThat(writer.awaitIdle(PATIENCE)).as("the first record written").isTrue();
            assertThat(stored.calls()).isEqualTo(1);
            String beforeOutage = stored.ids().get(0);

            database.stop();
            placeCalls(b2bua, CALLS);

            await("every record spooled").atMost(PATIENCE).pollInterval(POLL)
                    .until(() -> writer.spoolDepth() == CALLS && !writer.databaseUp());
            assertThat(b2bua.stats().activeCalls()).as("calls left in the B2BUA").isZero();
            assertThat(writer.written()).as("records written while the database was down").isEqualTo(1);

            database.restart();

            assertThat(writer.awaitIdle(PATIENCE)).as("the spool replayed once the database is back").isTrue();
            assertThat(writer.databaseUp()).isTrue();
            assertThat(writer.spoolDepth()).isZero();
            assertThat(stored.calls()).isEqualTo(CALLS + 1);
            assertThat(stored.events()).isEqualTo(5L * (CALLS + 1));
            // The spool replayed held the first record too: the insert skipped it.
            assertThat(writer.written()).isEqualTo(CALLS + 1);
            List<String> duringOutage = new ArrayList<>(stored.ids());
            duringOutage.remove(beforeOutage);
            assertThat(duringOutage).hasSize(CALLS);
            stored.assertEveryCallAnsweredAndHungUpByCaller(TRUNK);
        }
    }

    /**
     * Places {@code calls} calls, ten a second, from a SIPp caller through the B2BUA to a SIPp callee
     * that answers each; the caller hangs up. Every call must succeed with every response within
     * {@link #TRUNK_RESPONSE}. Returns once the B2BUA has ended them all (their records are then
     * submitted to the writer: the recorder hears of each end before the test's sink does).
     */
    private void placeCalls(ConfiguredB2bua b2bua, int calls) {
        b2bua.startFresh();
        try (SippProcess callee = Sipp.scenario("uas-answer.xml").transport(Sipp.Transport.UDP).localPort(trunkPort)
                .calls(calls).workDir(tmp).start()) {
            b2bua.caller("uac-basic.xml", Sipp.Transport.UDP, NUMBER).calls(calls).rate(10, Duration.ofSeconds(1))
                    .recvTimeout(TRUNK_RESPONSE).workDir(tmp).run(RUN).assertSucceeded();
            callee.awaitExit(RUN).assertSucceeded();
        }
        b2bua.awaitEvents("ended", calls, PATIENCE);
    }
}
