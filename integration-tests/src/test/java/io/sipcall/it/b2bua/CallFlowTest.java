package io.sipcall.it.b2bua;

import static org.assertj.core.api.Assertions.assertThat;

import io.sipcall.it.B2buaUnderTest;
import io.sipcall.it.sipp.SipMessage;
import io.sipcall.it.sipp.SipMessage.Direction;
import io.sipcall.it.sipp.SipMessages;
import io.sipcall.it.sipp.Sipp;
import io.sipcall.it.sipp.SippProcess;
import io.sipcall.it.sipp.SippResult;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The B2BUA between two real SIPp processes: caller (UAC) -> SIPCall -> callee (UAS, the trunk),
 * every flow over UDP and over TCP.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CallFlowTest {

    static final Duration RUN = Duration.ofSeconds(30);
    static final Duration SETTLE = Duration.ofSeconds(15);

    private final B2buaUnderTest b2bua = B2buaUnderTest.start();

    @BeforeEach
    void forgetEarlierCalls() {
        b2bua.startFresh();
    }

    @AfterAll
    void stop() {
        b2bua.close();
    }

    /** Runs a callee and a caller to completion; both must succeed. */
    private Results bridge(Sipp.Transport transport, Sipp caller, Sipp callee) {
        try (SippProcess trunk = callee.start()) {
            SippResult callerResult = caller.run(RUN).assertSucceeded();
            SippResult calleeResult = trunk.awaitExit(RUN).assertSucceeded();
            return new Results(callerResult, calleeResult);
        }
    }

    private record Results(SippResult caller, SippResult callee) {
    }

    @ParameterizedTest
    @EnumSource(Sipp.Transport.class)
    void a_call_is_bridged_with_nothing_of_either_side_leaking_to_the_other(Sipp.Transport transport)
            throws InterruptedException {
        Results run = bridge(transport,
                b2bua.caller("uac-basic.xml", transport, B2buaUnderTest.numberVia(transport)),
                b2bua.callee("uas-answer.xml", transport));

        SipMessages callerSide = run.caller().messages();
        SipMessages calleeSide = run.callee().messages();
        SipMessage sentInvite = callerSide.firstRequest(Direction.SENT, "INVITE");
        SipMessage receivedInvite = calleeSide.firstRequest(Direction.RECEIVED, "INVITE");
        SipMessage answerToCaller = callerSide.firstResponse(Direction.RECEIVED, 200);
        SipMessage answerFromCallee = calleeSide.firstResponse(Direction.SENT, 200);

        // 100 Trying at once, before anything else is relayed.
        assertThat(callerSide.received().get(0).statusCode()).isEqualTo(100);
        // The trunk side sees only the B2BUA: its own Call-ID, tags, one Via and Contact of ours.
        assertThat(receivedInvite.callId()).isNotEqualTo(sentInvite.callId());
        assertThat(receivedInvite.fromTag()).isNotEqualTo(sentInvite.fromTag());
        assertThat(receivedInvite.viaSentBy()).containsExactly("127.0.0.1:" + b2bua.sipPort());
        assertThat(receivedInvite.requiredHeader("Contact")).contains("127.0.0.1:" + b2bua.sipPort());
        assertThat(receivedInvite.requestUri()).startsWith("sip:" + B2buaUnderTest.numberVia(transport) + "@");
        assertNoTrace(receivedInvite, sentInvite.callId(), sentInvite.fromTag().orElseThrow(),
                ":" + viaPort(sentInvite));
        // The caller side sees only the B2BUA too.
        assertThat(answerToCaller.toTag()).isNotEqualTo(answerFromCallee.toTag());
        assertThat(answerToCaller.requiredHeader("Contact")).contains("127.0.0.1:" + b2bua.sipPort());
        assertNoTrace(answerToCaller, receivedInvite.callId(), answerFromCallee.toTag().orElseThrow(),
                ":" + b2bua.trunkPort(transport));
        // The passthrough anchor relays the SDP unchanged both ways.
        assertThat(receivedInvite.body()).isEqualTo(sentInvite.body());
        assertThat(answerToCaller.body()).isEqualTo(answerFromCallee.body());

        assertThat(b2bua.events().awaitOnlyCall(SETTLE)).containsExactly("started " + transport.name(),
                "routed " + trunk(transport), "ringing 180", "answered", "ended CALLER_HANGUP");
    }

    private static String viaPort(SipMessage message) {
        String sentBy = message.viaSentBy().get(0);
        return sentBy.substring(sentBy.lastIndexOf(':') + 1);
    }

    private static void assertNoTrace(SipMessage message, String... secrets) {
        String wire = message.toString();
        for (String secret : secrets) {
            assertThat(wire).as("message must not carry %s", secret).doesNotContain(secret);
        }
    }

    private static String trunk(Sipp.Transport transport) {
        return transport == Sipp.Transport.TCP ? "sipp-tcp" : "sipp-udp";
    }

    @ParameterizedTest
    @EnumSource(Sipp.Transport.class)
    void early_media_in_183_reaches_the_caller_with_its_sdp(Sipp.Transport transport) throws InterruptedException {
        Results run = bridge(transport,
                b2bua.caller("uac-early-media.xml", transport, B2buaUnderTest.numberVia(transport)),
                b2bua.callee("uas-early-media.xml", transport));

        SipMessage relayed = run.caller().messages().firstResponse(Direction.RECEIVED, 183);
        SipMessage original = run.callee().messages().firstResponse(Direction.SENT, 183);
        assertThat(relayed.body()).contains("m=audio").isEqualTo(original.body());
        assertThat(b2bua.events().awaitOnlyCall(SETTLE)).contains("ringing 183 early-media", "answered");
    }

    @ParameterizedTest
    @EnumSource(Sipp.Transport.class)
    void a_retransmitted_200_is_acknowledged_again(Sipp.Transport transport) throws InterruptedException {
        // The caller holds a moment: hanging up at once, its BYE could reach the callee before the
        // re-ACK of the duplicate 200, which the callee's scenario does not allow.
        Results run = bridge(transport,
                b2bua.caller("uac-basic.xml", transport, B2buaUnderTest.numberVia(transport))
                        .pause(Duration.ofMillis(500)),
                b2bua.callee("uas-duplicate-200.xml", transport).noRetransmissions());

        assertThat(run.callee().messages().requests(Direction.RECEIVED, "ACK")).hasSize(2);
        assertThat(b2bua.events().awaitOnlyCall(SETTLE)).endsWith("ended CALLER_HANGUP");
    }

    @ParameterizedTest
    @EnumSource(Sipp.Transport.class)
    void bye_from_the_callee_ends_the_caller_leg(Sipp.Transport transport) throws InterruptedException {
        bridge(transport,
                b2bua.caller("uac-callee-hangup.xml", transport, B2buaUnderTest.numberVia(transport)),
                b2bua.callee("uas-callee-hangup.xml", transport).pause(Duration.ofMillis(200)));

        assertThat(b2bua.events().awaitOnlyCall(SETTLE)).endsWith("answered", "ended CALLEE_HANGUP");
    }

    @ParameterizedTest
    @EnumSource(Sipp.Transport.class)
    void hold_resume_info_and_update_are_relayed_in_the_dialog(Sipp.Transport transport) throws InterruptedException {
        Results run = bridge(transport,
                b2bua.caller("uac-reinvite-hold.xml", transport, B2buaUnderTest.numberVia(transport)),
                b2bua.callee("uas-reinvite-hold.xml", transport));

        SipMessages callee = run.callee().messages();
        assertThat(callee.requests(Direction.RECEIVED, "INVITE")).hasSize(3);
        assertThat(callee.requests(Direction.RECEIVED, "ACK")).hasSize(3);
        assertThat(callee.firstRequest(Direction.RECEIVED, "INFO").body()).contains("Signal=5");
        assertThat(callee.firstRequest(Direction.RECEIVED, "INFO").requiredHeader("Content-Type"))
                .isEqualTo("application/dtmf-relay");
        assertThat(callee.firstRequest(Direction.RECEIVED, "UPDATE").body()).contains("m=audio");
        assertThat(b2bua.events().awaitOnlyCall(SETTLE)).endsWith("ended CALLER_HANGUP");
    }

    @ParameterizedTest
    @EnumSource(Sipp.Transport.class)
    void caller_cancel_gets_487_and_the_callee_is_cancelled(Sipp.Transport transport) throws InterruptedException {
        Results run = bridge(transport,
                b2bua.caller("uac-cancel.xml", transport, B2buaUnderTest.numberVia(transport)).pause(Duration.ofMillis(100)),
                b2bua.callee("uas-ring-no-answer.xml", transport));

        assertThat(run.callee().messages().requests(Direction.RECEIVED, "CANCEL")).hasSize(1);
        assertThat(b2bua.events().awaitOnlyCall(SETTLE)).endsWith("ringing 180", "failed 487", "ended CALLER_CANCELLED");
    }

    @ParameterizedTest
    @EnumSource(Sipp.Transport.class)
    void a_200_crossing_the_cancel_is_acknowledged_and_hung_up(Sipp.Transport transport) throws InterruptedException {
        Results run = bridge(transport,
                b2bua.caller("uac-cancel.xml", transport, B2buaUnderTest.numberVia(transport)).pause(Duration.ofMillis(100)),
                b2bua.callee("uas-answer-crossing-cancel.xml", transport));

        SipMessages callee = run.callee().messages();
        assertThat(callee.requests(Direction.RECEIVED, "ACK")).hasSize(1);
        assertThat(callee.requests(Direction.RECEIVED, "BYE")).hasSize(1);
        assertThat(run.caller().messages().responses(Direction.RECEIVED, 200).stream()
                .filter(m -> m.requiredHeader("CSeq").endsWith("INVITE"))).isEmpty();
        assertThat(b2bua.events().awaitOnlyCall(SETTLE)).endsWith("failed 487", "ended CALLER_CANCELLED");
    }

    @ParameterizedTest
    @EnumSource(Sipp.Transport.class)
    void an_unanswered_call_is_cancelled_at_the_no_answer_timeout_and_the_caller_gets_480(Sipp.Transport transport)
            throws InterruptedException {
        Results run = bridge(transport,
                b2bua.caller("uac-ringing-then-status.xml", transport, B2buaUnderTest.numberVia(transport))
                        .templateParam("status", "480"),
                b2bua.callee("uas-ring-no-answer.xml", transport));

        assertThat(run.callee().messages().requests(Direction.RECEIVED, "CANCEL")).hasSize(1);
        assertThat(b2bua.events().awaitOnlyCall(SETTLE)).endsWith("failed 480", "ended NO_ANSWER");
    }

    @ParameterizedTest
    @EnumSource(Sipp.Transport.class)
    void max_forwards_is_decremented_towards_the_trunk(Sipp.Transport transport) {
        bridge(transport,
                b2bua.caller("uac-basic.xml", transport, B2buaUnderTest.numberVia(transport)),
                b2bua.callee("uas-check-max-forwards.xml", transport).templateParam("max_forwards", "69"));
    }

    @ParameterizedTest
    @EnumSource(Sipp.Transport.class)
    void an_invite_without_hops_left_gets_483_and_never_reaches_a_trunk(Sipp.Transport transport) {
        b2bua.caller("uac-max-forwards-zero.xml", transport, B2buaUnderTest.numberVia(transport))
                .run(RUN).assertSucceeded();

        assertThat(b2bua.events().callCount()).isZero();
    }

    @ParameterizedTest
    @EnumSource(Sipp.Transport.class)
    void a_call_routed_back_to_the_b2bua_is_refused_as_a_loop(Sipp.Transport transport) throws InterruptedException {
        b2bua.caller("uac-expect-status.xml", transport, B2buaUnderTest.LOOP_NUMBER).templateParam("status", "482")
                .run(RUN).assertSucceeded();

        assertThat(b2bua.events().awaitOnlyCall(SETTLE)).endsWith("failed 482", "ended REJECTED");
    }

    @ParameterizedTest
    @EnumSource(Sipp.Transport.class)
    void a_silent_trunk_is_given_up_with_408_at_the_trunk_response_timeout(Sipp.Transport transport)
            throws InterruptedException {
        b2bua.caller("uac-expect-status.xml", transport, B2buaUnderTest.SILENT_TRUNK_NUMBER)
                .templateParam("status", "408").run(RUN).assertSucceeded();

        assertThat(b2bua.events().awaitOnlyCall(SETTLE)).endsWith("failed 408", "ended TRUNK_TIMEOUT");
    }

    @ParameterizedTest
    @EnumSource(Sipp.Transport.class)
    void a_trunk_answering_after_it_was_given_up_is_acknowledged_and_hung_up(Sipp.Transport transport) {
        Results run = bridge(transport,
                b2bua.caller("uac-expect-status.xml", transport, B2buaUnderTest.numberVia(transport))
                        .templateParam("status", "408"),
                b2bua.callee("uas-late-answer.xml", transport).templateParam("delay_ms", "1500"));

        assertThat(run.callee().messages().requests(Direction.RECEIVED, "ACK")).hasSize(1);
        assertThat(run.callee().messages().requests(Direction.RECEIVED, "BYE")).hasSize(1);
    }

    @ParameterizedTest
    @EnumSource(Sipp.Transport.class)
    void options_outside_a_dialog_is_answered_with_allow_and_supported(Sipp.Transport transport) {
        SippResult run = b2bua.caller("uac-options.xml", transport, "keepalive").run(RUN).assertSucceeded();

        assertThat(run.messages().firstResponse(Direction.RECEIVED, 200).requiredHeader("Supported")).isNotBlank();
    }

    @ParameterizedTest
    @EnumSource(Sipp.Transport.class)
    void an_unknown_method_gets_501_and_an_unsupported_one_405_both_with_allow(Sipp.Transport transport) {
        b2bua.caller("uac-unknown-method.xml", transport, "someone").run(RUN).assertSucceeded();
        b2bua.caller("uac-subscribe.xml", transport, "someone").run(RUN).assertSucceeded();
    }
}
