package io.sipcall.it.sipp;

import static org.assertj.core.api.Assertions.assertThat;

import io.sipcall.it.sipp.Sipp.Transport;
import io.sipcall.it.sipp.SipMessage.Direction;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every UAC scenario against its UAS partner, directly (no B2BUA), over UDP and TCP. A B2BUA is
 * transparent in message-flow terms, so each pair must succeed here before it can judge a B2BUA.
 */
class ScenarioPairsTest {

    private static final String NUMBER = "4930123456";
    private static final Duration SHORT_PAUSE = Duration.ofMillis(50);
    private static final Duration RUN_TIMEOUT = Duration.ofSeconds(20);

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path runs;

    @ParameterizedTest
    @EnumSource(Transport.class)
    void basic_call_is_answered_then_hung_up_by_the_caller(Transport transport) {
        Outcome outcome = call(transport, uas("uas-answer.xml"), uac("uac-basic.xml").pause(SHORT_PAUSE));

        outcome.assertBothSucceeded();
        SipMessage invite = outcome.callee().messages().firstRequest(Direction.RECEIVED, "INVITE");
        assertThat(invite.requestUri()).startsWith("sip:" + NUMBER + "@");
        assertThat(invite.body()).contains("m=audio", "PCMU/8000", "PCMA/8000", "telephone-event/8000");
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void max_forwards_check_passes_when_the_invite_carries_the_expected_value(Transport transport) {
        Outcome outcome = call(transport,
                uas("uas-check-max-forwards.xml").templateParam("max_forwards", "70"),
                uac("uac-basic.xml"));

        outcome.assertBothSucceeded();
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void early_media_precedes_the_answer(Transport transport) {
        Outcome outcome = call(transport, uas("uas-early-media.xml"), uac("uac-early-media.xml").pause(SHORT_PAUSE));

        outcome.assertBothSucceeded();
        assertThat(outcome.caller().messages().firstResponse(Direction.RECEIVED, 183).body()).contains("m=audio");
    }

    // UDP only: these callees linger 300 ms after the final ACK, as a real trunk keeps its connection
    // (the B2BUA tests need that, over TCP, to rule out a race in the SIP stack). A SIPp caller closes
    // its TCP connection as soon as it has sent that ACK, which SIPp counts as a failure during the
    // linger. The B2BUA tests run these scenarios over TCP.
    @ParameterizedTest
    @CsvSource({
        "UDP, 404, Not Found", "UDP, 408, Request Timeout", "UDP, 480, Temporarily Unavailable",
        "UDP, 482, Loop Detected", "UDP, 483, Too Many Hops", "UDP, 486, Busy Here",
        "UDP, 500, Server Internal Error", "UDP, 503, Service Unavailable", "UDP, 600, Busy Everywhere",
        "UDP, 603, Decline",
    })
    void rejection_reaches_the_caller_with_its_status(Transport transport, String status, String reason) {
        Outcome outcome = call(transport,
                uas("uas-reject.xml").templateParam("status", status).templateParam("reason", reason),
                uac("uac-expect-status.xml").templateParam("status", status));

        outcome.assertBothSucceeded();
        SipMessage ack = outcome.callee().messages().firstRequest(Direction.RECEIVED, "ACK");
        SipMessage rejection = outcome.caller().messages().firstResponse(Direction.RECEIVED, Integer.parseInt(status));
        assertThat(rejection.startLine()).isEqualTo("SIP/2.0 " + status + " " + reason);
        assertThat(ack.toTag()).isEqualTo(rejection.toTag());
    }

    // UDP only: see rejection_reaches_the_caller_with_its_status.
    @ParameterizedTest
    @EnumSource(value = Transport.class, names = "UDP")
    void rejection_after_ringing_reaches_the_caller(Transport transport) {
        Outcome outcome = call(transport,
                uas("uas-ring-then-reject.xml").templateParam("status", "480").templateParam("reason", "Temporarily Unavailable"),
                uac("uac-ringing-then-status.xml").templateParam("status", "480"));

        outcome.assertBothSucceeded();
    }

    // UDP only: see rejection_reaches_the_caller_with_its_status.
    @ParameterizedTest
    @EnumSource(value = Transport.class, names = "UDP")
    void caller_cancels_while_the_callee_rings(Transport transport) {
        Outcome outcome = call(transport, uas("uas-ring-no-answer.xml"), uac("uac-cancel.xml").pause(SHORT_PAUSE));

        outcome.assertBothSucceeded();
        SipMessages callee = outcome.callee().messages();
        SipMessage invite = callee.firstRequest(Direction.RECEIVED, "INVITE");
        SipMessage cancel = callee.firstRequest(Direction.RECEIVED, "CANCEL");
        // RFC 3261 9.1: the CANCEL repeats the INVITE's top Via (branch included), Call-ID and CSeq number.
        assertThat(cancel.headerValues("Via")).containsExactly(invite.headerValues("Via").get(0));
        assertThat(cancel.callId()).isEqualTo(invite.callId());
        assertThat(cancel.requiredHeader("CSeq")).isEqualTo(invite.requiredHeader("CSeq").replace("INVITE", "CANCEL"));
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void caller_cancel_accepts_the_487_before_the_200(Transport transport) {
        Outcome outcome = call(transport, uas("selftest/uas-ring-cancel-487-first.xml"), uac("uac-cancel.xml").pause(SHORT_PAUSE));

        outcome.assertBothSucceeded();
        List<SipMessage> finals = outcome.caller().messages().received().stream()
                .filter(msg -> msg.isResponse() && msg.statusCode() >= 200).toList();
        assertThat(finals).extracting(SipMessage::statusCode).containsExactly(487, 200);
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void answer_crossing_the_cancel_is_acknowledged_and_hung_up(Transport transport) {
        Outcome outcome = call(transport, uas("uas-answer-crossing-cancel.xml"),
                uac("selftest/uac-cancel-crossing-200.xml").pause(SHORT_PAUSE));

        outcome.assertBothSucceeded();
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void duplicate_200_is_acknowledged_again(Transport transport) {
        Outcome outcome = call(transport, uas("uas-duplicate-200.xml").noRetransmissions(),
                uac("selftest/uac-duplicate-200.xml").noRetransmissions().pause(SHORT_PAUSE));

        outcome.assertBothSucceeded();
        List<SipMessage> oks = outcome.caller().messages().responses(Direction.RECEIVED, 200).stream()
                .filter(msg -> msg.method().equals("INVITE")).toList();
        assertThat(oks).hasSize(2);
        assertThat(oks.get(1).raw()).isEqualTo(oks.get(0).raw());
        List<SipMessage> acks = outcome.callee().messages().requests(Direction.RECEIVED, "ACK");
        assertThat(acks).hasSize(2);
        assertThat(acks.get(1).raw()).isEqualTo(acks.get(0).raw());
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void callee_hangs_up(Transport transport) {
        Outcome outcome = call(transport, uas("uas-callee-hangup.xml").pause(SHORT_PAUSE), uac("uac-callee-hangup.xml"));

        outcome.assertBothSucceeded();
        SipMessage bye = outcome.caller().messages().firstRequest(Direction.RECEIVED, "BYE");
        SipMessage invite = outcome.caller().messages().firstRequest(Direction.SENT, "INVITE");
        assertThat(bye.toTag()).isEqualTo(invite.fromTag());
        assertThat(bye.requestUri()).isEqualTo(invite.requiredHeader("Contact").replaceAll("[<>]", ""));
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void hold_resume_dtmf_info_and_update_stay_in_the_dialog(Transport transport) {
        Outcome outcome = call(transport, uas("uas-reinvite-hold.xml"), uac("uac-reinvite-hold.xml").pause(SHORT_PAUSE));

        outcome.assertBothSucceeded();
        List<SipMessage> requests = outcome.callee().messages().received().stream().filter(SipMessage::isRequest).toList();
        assertThat(requests).extracting(SipMessage::method)
                .containsExactly("INVITE", "ACK", "INVITE", "ACK", "INVITE", "ACK", "INFO", "UPDATE", "BYE");
        assertThat(requests).extracting(SipMessage::callId).containsOnly(requests.get(0).callId());
        assertThat(requests).extracting(SipMessage::fromTag).containsOnly(requests.get(0).fromTag());
        List<SipMessage> inDialog = requests.subList(1, requests.size());
        assertThat(inDialog).allSatisfy(msg -> assertThat(msg.toTag()).isPresent());
        assertThat(inDialog).extracting(SipMessage::toTag).containsOnly(inDialog.get(0).toTag());
        assertThat(requests).extracting(msg -> msg.requiredHeader("CSeq"))
                .containsExactly("1 INVITE", "1 ACK", "2 INVITE", "2 ACK", "3 INVITE", "3 ACK", "4 INFO", "5 UPDATE", "6 BYE");
        SipMessage info = requests.get(6);
        assertThat(info.requiredHeader("Content-Type")).isEqualTo("application/dtmf-relay");
        assertThat(info.body()).isEqualTo("Signal=5\r\nDuration=160\r\n");
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void options_is_answered_with_allow_and_supported(Transport transport) {
        Outcome outcome = call(transport, uas("selftest/uas-respond.xml").templateParam("status", "200").templateParam("reason", "OK"),
                uac("uac-options.xml"));

        outcome.assertBothSucceeded();
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void unknown_method_gets_501_with_allow(Transport transport) {
        Outcome outcome = call(transport,
                uas("selftest/uas-respond.xml").templateParam("status", "501").templateParam("reason", "Not Implemented"),
                uac("uac-unknown-method.xml"));

        outcome.assertBothSucceeded();
        assertThat(outcome.callee().messages().firstRequest(Direction.RECEIVED, "FOO").requestUri()).startsWith("sip:" + NUMBER);
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void subscribe_gets_405_with_allow(Transport transport) {
        Outcome outcome = call(transport,
                uas("selftest/uas-respond.xml").templateParam("status", "405").templateParam("reason", "Method Not Allowed"),
                uac("uac-subscribe.xml"));

        outcome.assertBothSucceeded();
    }

    // UDP only: see rejection_reaches_the_caller_with_its_status.
    @ParameterizedTest
    @EnumSource(value = Transport.class, names = "UDP")
    void invite_without_hops_left_gets_483(Transport transport) {
        Outcome outcome = call(transport,
                uas("uas-reject.xml").templateParam("status", "483").templateParam("reason", "Too Many Hops"),
                uac("uac-max-forwards-zero.xml"));

        outcome.assertBothSucceeded();
        assertThat(outcome.callee().messages().firstRequest(Direction.RECEIVED, "INVITE").header("Max-Forwards")).hasValue("0");
    }

    private Sipp uas(String scenario) {
        return Sipp.scenario(scenario).workDir(runs);
    }

    private Sipp uac(String scenario) {
        return Sipp.scenario(scenario).workDir(runs).service(NUMBER);
    }

    /** Starts the UAS, runs the UAC against it, then waits for the UAS to finish its call. */
    static Outcome call(Transport transport, Sipp uas, Sipp uac) {
        try (SippProcess callee = uas.transport(transport).start()) {
            SippResult caller = uac.transport(transport).remote(callee.localIp(), callee.localPort()).run(RUN_TIMEOUT);
            return new Outcome(caller, callee.awaitExit(RUN_TIMEOUT));
        }
    }

    record Outcome(SippResult caller, SippResult callee) {
        void assertBothSucceeded() {
            caller.assertSucceeded();
            callee.assertSucceeded();
        }
    }
}
