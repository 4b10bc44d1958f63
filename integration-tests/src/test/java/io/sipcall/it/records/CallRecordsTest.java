package io.sipcall.it.records;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sipcall.it.ConfiguredB2bua;
import io.sipcall.it.sipp.FreePorts;
import io.sipcall.it.sipp.Sipp;
import io.sipcall.it.sipp.Sipp.Transport;
import io.sipcall.it.sipp.SippProcess;
import io.sipcall.persistence.record.StoredCall;
import io.sipcall.persistence.record.StoredCall.Disposition;
import io.sipcall.persistence.record.StoredCall.HangupSide;
import io.sipcall.persistence.record.StoredEvent;
import io.sipcall.persistence.testing.TestDatabase;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Calls placed by real SIPp peers through the B2BUA appear in PostgreSQL as complete, correct call
 * records: times, durations, disposition, SIP status, who hung up, trunks tried, cost, and the
 * timeline. Numbers are in E.164 (German numbers, routed by the default policy) and encrypted.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CallRecordsTest {

    private static final Duration RUN = Duration.ofSeconds(20);
    private static final String BERLIN = "+49301234567";
    private static final String HAMBURG = "+49401234567";
    private static final String MUNICH = "+49891234567";

    private final int portA = FreePorts.udpAndTcp();
    private final int portB = FreePorts.udpAndTcp();
    private final int silentPort = FreePorts.udpAndTcp();
    private final TestDatabase.Coordinates database = TestDatabase.freshCoordinates();
    private final ConfiguredB2bua b2bua = ConfiguredB2bua.with("""
            trunks:
              a-udp: {host: 127.0.0.1, port: %1$d, transport: udp}
              b-udp: {host: 127.0.0.1, port: %2$d, transport: udp}
              silent-udp: {host: 127.0.0.1, port: %3$d, transport: udp}
            routes:
              - {prefix: "+4930", trunks: [a-udp]}
              - {prefix: "+4940", trunks: [silent-udp, b-udp]}
              - {prefix: "+4989", trunks: [silent-udp]}
            rates:
              - {prefix: "+49", trunk: a-udp, price-per-minute: "0.0120", currency: EUR}
            toll-fraud:
              enabled: false
            """.formatted(portA, portB, silentPort))
            .policy(ConfiguredB2bua.Policy.DEFAULT)
            .noAnswerTimeout(Duration.ofSeconds(2))
            .database(database)
            .start();

    @BeforeEach
    void forgetEarlierCalls() {
        b2bua.startFresh();
    }

    @AfterAll
    void stop() {
        b2bua.close();
    }

    @Test
    void an_answered_call_hung_up_by_the_caller_is_recorded_with_its_times_talk_time_and_cost() {
        long before = recordCount();
        try (SippProcess trunk = trunkA("uas-answer.xml").start()) {
            b2bua.caller("uac-basic.xml", Transport.UDP, BERLIN).pause(Duration.ofMillis(1200)).run(RUN)
                    .assertSucceeded();
            trunk.awaitExit(RUN).assertSucceeded();
        }

        StoredCall call = awaitNewRecord(before);
        assertThat(call.disposition()).isEqualTo(Disposition.ANSWERED);
        assertThat(call.sipStatus()).isEqualTo(200);
        assertThat(call.hangupSide()).isEqualTo(HangupSide.CALLER);
        assertThat(call.hangupCause()).isEqualTo("CALLER_HANGUP");
        assertThat(call.trunk()).isEqualTo("a-udp");
        assertThat(call.route()).isEqualTo("a-udp");
        assertThat(call.attempts()).isEqualTo(1);
        assertThat(call.transport()).isEqualTo("UDP");
        assertTimesInOrder(call);
        assertThat(call.answeredAt()).isNotNull();
        assertThat(call.talkMs()).as("the caller held the call 1.2 s").isBetween(1_100L, 10_000L);
        assertThat(call.billedSeconds()).isEqualTo((int) Math.ceil(call.talkMs() / 1000.0));
        assertThat(call.pricePerMinute()).isEqualByComparingTo("0.012");
        assertThat(call.currency()).isEqualTo("EUR");
        assertThat(call.cost()).isPositive()
                .isLessThanOrEqualTo(new BigDecimal("0.012").multiply(BigDecimal.valueOf(call.billedSeconds()))
                        .divide(BigDecimal.valueOf(60), 6, java.math.RoundingMode.CEILING));
        assertThat(types(call)).containsExactly("started", "routed", "ringing", "answered", "ended");
    }

    @Test
    void a_call_the_callee_hangs_up_is_recorded_as_ended_by_the_callee() {
        long before = recordCount();
        try (SippProcess trunk = trunkA("uas-callee-hangup.xml").start()) {
            b2bua.caller("uac-callee-hangup.xml", Transport.UDP, BERLIN).run(RUN).assertSucceeded();
            trunk.awaitExit(RUN).assertSucceeded();
        }

        StoredCall call = awaitNewRecord(before);
        assertThat(call.disposition()).isEqualTo(Disposition.ANSWERED);
        assertThat(call.hangupSide()).isEqualTo(HangupSide.CALLEE);
        assertThat(call.hangupCause()).isEqualTo("CALLEE_HANGUP");
        assertTimesInOrder(call);
    }

    @Test
    void a_busy_callee_is_recorded_as_busy_with_its_486_and_nothing_billed() {
        long before = recordCount();
        try (SippProcess trunk = trunkA("uas-reject.xml").templateParam("status", "486")
                .templateParam("reason", "Busy Here").start()) {
            b2bua.caller("uac-expect-status.xml", Transport.UDP, BERLIN).templateParam("status", "486").run(RUN)
                    .assertSucceeded();
            trunk.awaitExit(RUN).assertSucceeded();
        }

        StoredCall call = awaitNewRecord(before);
        assertThat(call.disposition()).isEqualTo(Disposition.BUSY);
        assertThat(call.sipStatus()).isEqualTo(486);
        assertThat(call.hangupSide()).isEqualTo(HangupSide.CALLEE);
        assertThat(call.hangupCause()).isEqualTo("REJECTED");
        assertThat(call.answeredAt()).isNull();
        assertThat(call.talkMs()).isZero();
        assertThat(call.billedSeconds()).isZero();
        assertThat(call.cost()).isEqualByComparingTo("0");
        assertThat(types(call)).containsExactly("started", "routed", "failed", "ended");
    }

    @Test
    void a_call_the_caller_cancels_while_ringing_is_recorded_as_cancelled_by_the_caller() {
        long before = recordCount();
        try (SippProcess trunk = trunkA("uas-ring-no-answer.xml").start()) {
            b2bua.caller("uac-cancel.xml", Transport.UDP, BERLIN).pause(Duration.ofMillis(300)).run(RUN)
                    .assertSucceeded();
            trunk.awaitExit(RUN).assertSucceeded();
        }

        StoredCall call = awaitNewRecord(before);
        assertThat(call.disposition()).isEqualTo(Disposition.CANCELLED);
        assertThat(call.sipStatus()).isEqualTo(487);
        assertThat(call.hangupSide()).isEqualTo(HangupSide.CALLER);
        assertThat(call.hangupCause()).isEqualTo("CALLER_CANCELLED");
        assertThat(call.ringingAt()).isNotNull();
        assertThat(call.answeredAt()).isNull();
        assertTimesInOrder(call);
    }

    @Test
    void a_call_nobody_answers_is_recorded_as_no_answer_ended_by_the_system() {
        long before = recordCount();
        try (SippProcess trunk = trunkA("uas-ring-no-answer.xml").start()) {
            b2bua.caller("uac-ringing-then-status.xml", Transport.UDP, BERLIN).templateParam("status", "480")
                    .run(RUN).assertSucceeded();
            trunk.awaitExit(RUN).assertSucceeded();
        }

        StoredCall call = awaitNewRecord(before);
        assertThat(call.disposition()).isEqualTo(Disposition.NO_ANSWER);
        assertThat(call.sipStatus()).isEqualTo(480);
        assertThat(call.hangupSide()).isEqualTo(HangupSide.SYSTEM);
        assertThat(call.hangupCause()).isEqualTo("NO_ANSWER");
        assertThat(Duration.between(call.ringingAt(), call.endedAt())).as("the 2 s no-answer timeout")
                .isBetween(Duration.ofMillis(1_900), Duration.ofSeconds(10));
    }

    @Test
    void a_call_no_trunk_answers_is_recorded_as_failed_with_the_408_the_caller_got() {
        long before = recordCount();
        b2bua.caller("uac-expect-status.xml", Transport.UDP, MUNICH).templateParam("status", "408").run(RUN)
                .assertSucceeded();

        StoredCall call = awaitNewRecord(before);
        assertThat(call.disposition()).isEqualTo(Disposition.FAILED);
        assertThat(call.sipStatus()).isEqualTo(408);
        assertThat(call.hangupSide()).isEqualTo(HangupSide.SYSTEM);
        assertThat(call.hangupCause()).isEqualTo("TRUNK_TIMEOUT");
        assertThat(call.trunk()).isEqualTo("silent-udp");
        assertThat(call.ringingAt()).isNull();
        assertThat(call.pricePerMinute()).as("the silent trunk is unrated").isNull();
    }

    @Test
    void a_call_that_fails_over_records_every_trunk_tried_and_the_one_that_answered() {
        long before = recordCount();
        try (SippProcess trunk = Sipp.scenario("uas-answer.xml").transport(Transport.UDP).localPort(portB).start()) {
            b2bua.caller("uac-basic.xml", Transport.UDP, HAMBURG).run(RUN).assertSucceeded();
            trunk.awaitExit(RUN).assertSucceeded();
        }

        StoredCall call = awaitNewRecord(before);
        assertThat(call.disposition()).isEqualTo(Disposition.ANSWERED);
        assertThat(call.route()).isEqualTo("silent-udp>b-udp");
        assertThat(call.attempts()).isEqualTo(2);
        assertThat(call.trunk()).isEqualTo("b-udp");
        assertThat(types(call)).containsExactly("started", "routed", "routed", "ringing", "answered", "ended");
        assertTimesInOrder(call);
    }

    @Test
    void numbers_are_encrypted_in_the_table_and_found_by_their_lookup_hash() {
        long before = recordCount();
        try (SippProcess trunk = trunkA("uas-answer.xml").start()) {
            b2bua.caller("uac-basic.xml", Transport.UDP, BERLIN).run(RUN).assertSucceeded();
            trunk.awaitExit(RUN).assertSucceeded();
        }
        StoredCall call = awaitNewRecord(before);

        String raw = database.jdbi().withHandle(h -> h.createQuery(
                "SELECT row_to_json(c)::text FROM calls c WHERE id = :id").bind("id", call.id())
                .mapTo(String.class).one());
        assertThat(raw).doesNotContain("49301234567").doesNotContain("301234567").contains("v1:");
        assertThat(b2bua.server().storage().keys().cipher().decrypt(call.toNumber(), "calls.to_number"))
                .isEqualTo(BERLIN);
        byte[] hash = b2bua.server().storage().keys().lookup().of(BERLIN);
        List<String> found = database.jdbi().withHandle(h -> h.createQuery(
                "SELECT id FROM calls WHERE to_number_hmac = decode(:hash, 'hex')")
                .bind("hash", HexFormat.of().formatHex(hash)).mapTo(String.class).list());
        assertThat(found).contains(call.id());
    }

    private Sipp trunkA(String scenario) {
        return Sipp.scenario(scenario).transport(Transport.UDP).localPort(portA);
    }

    private long recordCount() {
        return b2bua.server().storage().callRecords().count();
    }

    /** Waits for the one record written since {@code before} records, and reads it back. */
    private StoredCall awaitNewRecord(long before) {
        await("the call's record").atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(20))
                .until(() -> recordCount() == before + 1);
        String id = database.jdbi().withHandle(h -> h.createQuery(
                "SELECT id FROM calls ORDER BY recorded_at DESC, started_at DESC LIMIT 1").mapTo(String.class).one());
        return b2bua.server().storage().callRecords().find(id).orElseThrow();
    }

    private static void assertTimesInOrder(StoredCall call) {
        assertThat(call.startedAt()).isNotNull();
        if (call.ringingAt() != null) {
            assertThat(call.ringingAt()).isAfterOrEqualTo(call.startedAt());
        }
        if (call.answeredAt() != null) {
            assertThat(call.answeredAt()).isAfterOrEqualTo(call.ringingAt() != null ? call.ringingAt() : call.startedAt());
            assertThat(call.talkMs()).isEqualTo(Duration.between(call.answeredAt(), call.endedAt()).toMillis());
        }
        assertThat(call.endedAt()).isAfterOrEqualTo(call.startedAt());
        assertThat(call.durationMs()).isEqualTo(Duration.between(call.startedAt(), call.endedAt()).toMillis());
        List<StoredEvent> events = call.events();
        for (int i = 1; i < events.size(); i++) {
            assertThat(events.get(i).at()).isAfterOrEqualTo(events.get(i - 1).at());
            assertThat(events.get(i).seq()).isGreaterThan(events.get(i - 1).seq());
        }
    }

    private static List<String> types(StoredCall call) {
        return call.events().stream().map(StoredEvent::type).toList();
    }
}
