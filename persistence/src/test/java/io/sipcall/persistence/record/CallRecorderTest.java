package io.sipcall.persistence.record;

import static io.sipcall.persistence.record.Calls.KEYS;
import static io.sipcall.persistence.record.Calls.start;
import static io.sipcall.persistence.record.Calls.target;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.sipcall.persistence.record.StoredCall.Disposition;
import io.sipcall.persistence.record.StoredCall.HangupSide;
import io.sipcall.sip.port.CallEventSink.CallStart;
import io.sipcall.sip.port.CallId;
import io.sipcall.sip.port.EndReason;
import io.sipcall.sip.route.testkit.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class CallRecorderTest {

    private static final Instant T0 = Instant.parse("2026-05-01T10:00:00Z");

    private final TestClock clock = TestClock.at(T0);
    private final List<StoredCall> written = new ArrayList<>();
    private final CallRecorder recorder = Calls.recorder(clock, written::add);
    private final CallId id = new CallId("call-1");
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final Logger recorderLog = (Logger) LoggerFactory.getLogger(CallRecorder.class);

    @AfterEach
    void detachLogs() {
        recorderLog.detachAppender(logs);
    }

    @Test
    void an_answered_call_records_its_times_durations_billed_seconds_cost_and_the_caller_hanging_up() {
        recorder.onStarted(id, start(Calls.DIALLED));
        recorder.onRouted(id, target("telnyx", "0.0100"));
        clock.advance(Duration.ofSeconds(2));
        recorder.onRinging(id, 180, false);
        clock.advance(Duration.ofSeconds(3));
        recorder.onAnswered(id);
        clock.advance(Duration.ofMillis(61_200));
        recorder.onEnded(id, EndReason.CALLER_HANGUP);

        StoredCall call = only();
        assertThat(call.id()).isEqualTo("call-1");
        assertThat(call.userId()).isEqualTo("alice");
        assertThat(call.direction()).isEqualTo(StoredCall.Direction.OUTBOUND);
        assertThat(call.transport()).isEqualTo("TLS");
        assertThat(call.startedAt()).isEqualTo(T0);
        assertThat(call.ringingAt()).isEqualTo(T0.plusSeconds(2));
        assertThat(call.answeredAt()).isEqualTo(T0.plusSeconds(5));
        assertThat(call.endedAt()).isEqualTo(T0.plusMillis(66_200));
        assertThat(call.durationMs()).isEqualTo(66_200);
        assertThat(call.talkMs()).isEqualTo(61_200);
        assertThat(call.billedSeconds()).isEqualTo(62);
        assertThat(call.pricePerMinute()).isEqualByComparingTo("0.0100");
        assertThat(call.cost()).isEqualByComparingTo("0.010334"); // 62 s at 0.01/min, rounded up
        assertThat(call.currency()).isEqualTo("USD");
        assertThat(call.disposition()).isEqualTo(Disposition.ANSWERED);
        assertThat(call.sipStatus()).isEqualTo(200);
        assertThat(call.hangupCause()).isEqualTo("CALLER_HANGUP");
        assertThat(call.hangupSide()).isEqualTo(HangupSide.CALLER);
        assertThat(call.trunk()).isEqualTo("telnyx");
        assertThat(call.route()).isEqualTo("telnyx");
        assertThat(call.attempts()).isEqualTo(1);
        assertThat(call.events()).extracting(StoredEvent::seq).containsExactly(1, 2, 3, 4, 5);
        assertThat(call.events()).extracting(StoredEvent::type)
                .containsExactly("started", "routed", "ringing", "answered", "ended");
        assertThat(call.events().get(4).at()).isEqualTo(call.endedAt());
        assertThat(recorder.callsInProgress()).isZero();
    }

    @Test
    void talk_time_ends_when_the_hangup_is_decided_not_when_a_slow_far_end_finally_lets_go() {
        recorder.onStarted(id, start(Calls.DIALLED));
        recorder.onRouted(id, target("telnyx", "0.0100"));
        recorder.onAnswered(id);
        clock.advance(Duration.ofSeconds(10));
        recorder.onEnding(id, EndReason.CALLER_HANGUP);
        clock.advance(Duration.ofSeconds(32)); // the trunk never answered our BYE
        recorder.onEnded(id, EndReason.CALLER_HANGUP);

        StoredCall call = only();
        assertThat(call.talkMs()).isEqualTo(10_000);
        assertThat(call.billedSeconds()).isEqualTo(10);
        assertThat(call.endedAt()).isEqualTo(T0.plusSeconds(10));
        assertThat(call.durationMs()).isEqualTo(10_000);
        StoredEvent ended = call.events().get(call.events().size() - 1);
        assertThat(ended.at()).isEqualTo(call.endedAt());
        assertThat(ended.detail()).containsEntry("teardownMs", 32_000);
    }

    @Test
    void a_cancelled_call_ends_after_the_final_response_decided_after_its_end_and_its_timeline_stays_in_order() {
        recorder.onStarted(id, start(Calls.DIALLED));
        recorder.onRouted(id, target("telnyx", null));
        recorder.onRinging(id, 180, false);
        clock.advance(Duration.ofSeconds(4));
        recorder.onEnding(id, EndReason.CALLER_CANCELLED);
        clock.advance(Duration.ofMillis(2));
        recorder.onFailed(id, 487, "Request Terminated");
        clock.advance(Duration.ofSeconds(1));
        recorder.onEnded(id, EndReason.CALLER_CANCELLED);

        StoredCall call = only();
        assertThat(call.endedAt()).isEqualTo(T0.plusMillis(4_002));
        assertThat(call.events()).extracting(StoredEvent::at).isSorted();
        assertThat(call.events().get(call.events().size() - 1).detail()).containsEntry("teardownMs", 1_000);
    }

    @Test
    void a_busy_callee_is_busy_and_ended_by_the_callee() {
        recorder.onStarted(id, start(Calls.DIALLED));
        recorder.onRouted(id, target("telnyx", "0.0100"));
        recorder.onFailed(id, 486, "Busy Here");
        recorder.onEnded(id, EndReason.REJECTED);

        StoredCall call = only();
        assertThat(call.disposition()).isEqualTo(Disposition.BUSY);
        assertThat(call.hangupSide()).isEqualTo(HangupSide.CALLEE);
        assertThat(call.sipStatus()).isEqualTo(486);
        assertThat(call.sipReason()).isEqualTo("Busy Here");
        assertThat(call.answeredAt()).isNull();
        assertThat(call.talkMs()).isZero();
        assertThat(call.billedSeconds()).isZero();
        assertThat(call.cost()).isEqualByComparingTo("0");
    }

    @Test
    void a_call_the_caller_cancels_is_cancelled_by_the_caller() {
        recorder.onStarted(id, start(Calls.DIALLED));
        recorder.onRouted(id, target("telnyx", null));
        recorder.onRinging(id, 183, true);
        recorder.onFailed(id, 487, "Request Terminated");
        recorder.onEnded(id, EndReason.CALLER_CANCELLED);

        StoredCall call = only();
        assertThat(call.disposition()).isEqualTo(Disposition.CANCELLED);
        assertThat(call.hangupSide()).isEqualTo(HangupSide.CALLER);
        assertThat(call.sipStatus()).isEqualTo(487);
        assertThat(call.ringingAt()).isEqualTo(T0);
        assertThat(call.events().get(2).detail()).containsEntry("status", 183).containsEntry("earlyMedia", true);
    }

    @Test
    void a_call_nobody_answers_is_no_answer_ended_by_the_system() {
        recorder.onStarted(id, start(Calls.DIALLED));
        recorder.onRouted(id, target("telnyx", "0.0100"));
        recorder.onRinging(id, 180, false);
        recorder.onFailed(id, 480, "Temporarily Unavailable");
        recorder.onEnded(id, EndReason.NO_ANSWER);

        StoredCall call = only();
        assertThat(call.disposition()).isEqualTo(Disposition.NO_ANSWER);
        assertThat(call.hangupSide()).isEqualTo(HangupSide.SYSTEM);
        assertThat(call.sipStatus()).isEqualTo(480);
    }

    @Test
    void a_call_routing_refuses_is_refused_and_tried_no_trunk() {
        recorder.onStarted(id, start("110"));
        recorder.onFailed(id, 484, "Address Incomplete: emergency number 110 cannot be called through SIPCall");
        recorder.onEnded(id, EndReason.REFUSED);

        StoredCall call = only();
        assertThat(call.disposition()).isEqualTo(Disposition.REFUSED);
        assertThat(call.hangupSide()).isEqualTo(HangupSide.SYSTEM);
        assertThat(call.attempts()).isZero();
        assertThat(call.trunk()).isNull();
        assertThat(call.route()).isNull();
        assertThat(call.pricePerMinute()).isNull();
    }

    @Test
    void a_trunk_timeout_is_a_failure_of_the_system() {
        recorder.onStarted(id, start(Calls.DIALLED));
        recorder.onRouted(id, target("telnyx", null));
        recorder.onFailed(id, 408, "Request Timeout");
        recorder.onEnded(id, EndReason.TRUNK_TIMEOUT);

        assertThat(only().disposition()).isEqualTo(Disposition.FAILED);
        assertThat(only().hangupSide()).isEqualTo(HangupSide.SYSTEM);
    }

    @Test
    void failover_records_every_trunk_tried_and_bills_at_the_answering_trunks_rate() {
        recorder.onStarted(id, start(Calls.DIALLED));
        recorder.onRouted(id, target("a", "0.0100"));
        recorder.onRouted(id, target("b", "0.6000"));
        recorder.onAnswered(id);
        clock.advance(Duration.ofSeconds(60));
        recorder.onEnded(id, EndReason.CALLEE_HANGUP);

        StoredCall call = only();
        assertThat(call.route()).isEqualTo("a>b");
        assertThat(call.attempts()).isEqualTo(2);
        assertThat(call.trunk()).isEqualTo("b");
        assertThat(call.pricePerMinute()).isEqualByComparingTo("0.6");
        assertThat(call.cost()).isEqualByComparingTo("0.6");
        assertThat(call.hangupSide()).isEqualTo(HangupSide.CALLEE);
        assertThat(call.events()).filteredOn(e -> e.type().equals("routed"))
                .extracting(e -> e.detail().get("trunk")).containsExactly("a", "b");
    }

    @Test
    void numbers_are_encrypted_decryptable_and_the_dialled_number_is_looked_up_by_the_hmac_of_its_e164() {
        recorder.onStarted(id, start(Calls.DIALLED));
        recorder.onEnded(id, EndReason.INTERNAL_ERROR);

        StoredCall call = only();
        assertThat(KEYS.cipher().decrypt(call.toNumber(), "calls.to_number")).isEqualTo(Calls.DIALLED_E164);
        assertThat(KEYS.cipher().decrypt(call.fromNumber(), "calls.from_number")).isEqualTo(Calls.CALLER);
        assertThat(call.toNumberHmac()).isEqualTo(KEYS.lookup().of(Calls.DIALLED_E164));
        assertThat(RecordJson.bytes(call)).asString().doesNotContain(Calls.plaintexts());
    }

    @Test
    void a_call_without_a_user_reads_national_numbers_in_the_default_country() {
        recorder.onStarted(id, new CallStart("anonymous", "(212) 555-0123", "UDP", Optional.empty()));
        recorder.onEnded(id, EndReason.INTERNAL_ERROR);

        assertThat(KEYS.cipher().decrypt(only().toNumber(), "calls.to_number")).isEqualTo("+12125550123");
        assertThat(only().userId()).isNull();
    }

    @Test
    void a_dialled_number_that_is_not_e164_is_kept_as_dialled_encrypted_and_without_hmac() {
        recorder.onStarted(id, start("*123#"));
        recorder.onEnded(id, EndReason.REFUSED);

        assertThat(KEYS.cipher().decrypt(only().toNumber(), "calls.to_number")).isEqualTo("*123#");
        assertThat(only().toNumberHmac()).isNull();
    }

    @Test
    void a_number_quoted_in_a_reason_phrase_is_masked() {
        recorder.onStarted(id, start(Calls.DIALLED));
        recorder.onFailed(id, 404, "Number 49301234567 not found");
        recorder.onEnded(id, EndReason.REJECTED);

        assertThat(only().sipReason()).isEqualTo("Number *********67 not found");
        assertThat(only().events().get(1).detail()).containsEntry("reason", "Number *********67 not found");
    }

    @Test
    void a_failing_event_is_logged_once_with_the_call_id_and_neither_the_call_nor_its_record_stops() {
        recorderLog.addAppender(logs);
        logs.start();
        recorder.onStarted(id, start(Calls.DIALLED));

        assertThatCode(() -> {
            recorder.onRouted(id, null);
            recorder.onRouted(id, null);
            recorder.onEnded(id, EndReason.CALLER_HANGUP);
        }).doesNotThrowAnyException();

        assertThat(errors()).hasSize(1).first().asString().contains("callId=call-1");
        assertThat(only().id()).isEqualTo("call-1");
    }

    @Test
    void a_writer_that_throws_does_not_break_the_call_and_later_calls_are_still_recorded() {
        recorderLog.addAppender(logs);
        logs.start();
        List<StoredCall> kept = new ArrayList<>();
        CallRecorder failing = Calls.recorder(clock, call -> {
            if (call.id().equals("call-1")) {
                throw new IllegalStateException("writer broke");
            }
            kept.add(call);
        });
        CallId second = new CallId("call-2");
        failing.onStarted(id, start(Calls.DIALLED));
        failing.onStarted(second, start(Calls.DIALLED));

        assertThatCode(() -> failing.onEnded(id, EndReason.CALLER_HANGUP)).doesNotThrowAnyException();
        failing.onEnded(second, EndReason.CALLER_HANGUP);

        assertThat(kept).extracting(StoredCall::id).containsExactly("call-2");
        assertThat(errors()).hasSize(1).first().asString().contains("callId=call-1");
        assertThat(failing.callsInProgress()).isZero();
    }

    private List<String> errors() {
        return logs.list.stream().filter(e -> e.getLevel() == Level.ERROR).map(ILoggingEvent::getFormattedMessage)
                .toList();
    }

    private StoredCall only() {
        assertThat(written).hasSize(1);
        return written.get(0);
    }
}
