package io.sipcall.it.sipp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sipcall.it.sipp.ScenarioPairsTest.Outcome;
import io.sipcall.it.sipp.SipMessage.Direction;
import io.sipcall.it.sipp.Sipp.Transport;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

class SipMessagesTest {

    private static final String SEPARATOR = "-----------------------------------------------";

    private static final String INVITE = """
            INVITE sip:4930123456@127.0.0.1:5060 SIP/2.0\r
            Via: SIP/2.0/UDP 127.0.0.1:5062;branch=z9hG4bK-1-1-0\r
            From: "Jürgen" <sip:caller@127.0.0.1:5062>;tag=abc\r
            To: <sip:4930123456@127.0.0.1:5060>\r
            Call-ID: 1-42@127.0.0.1\r
            CSeq: 1 INVITE\r
            Contact: <sip:caller@127.0.0.1:5062;transport=UDP>\r
            Content-Type: application/sdp\r
            Content-Length:    13\r
            \r
            v=0\r
            s=Grüß\r
            """;

    private static final String OK = """
            SIP/2.0 200 OK\r
            v: SIP/2.0/UDP 10.0.0.1:5070;branch=z9hG4bKb2bua, SIP/2.0/TCP [2001:db8::1]:5080;branch=z9hG4bKx\r
            Via: SIP/2.0/UDP 127.0.0.1:5062;branch=z9hG4bK-1-1-0;received=127.0.0.1\r
            f: "Jürgen" <sip:caller@127.0.0.1:5062>;tag=abc\r
            t: <sip:4930123456@127.0.0.1:5060;user=phone>;tag=xyz\r
            i: 1-42@127.0.0.1\r
            CSeq: 1 INVITE\r
            Subject: a header\r
             folded onto two lines\r
            l: 0\r
            \r
            """;

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path runs;

    @Test
    void parses_sipp_trace_entries_and_skips_its_notes() {
        SipMessages messages = SipMessages.parse(log());

        assertThat(messages.all()).extracting(SipMessage::direction).containsExactly(Direction.SENT, Direction.RECEIVED);
        assertThat(messages.all()).extracting(SipMessage::transport).containsExactly("UDP", "TCP");
        assertThat(messages.all()).extracting(SipMessage::timestamp)
                .containsExactly("2026-11-21 09:48:39.953026", "2026-11-21 09:48:39.954323");

        SipMessage invite = messages.firstRequest(Direction.SENT, "INVITE");
        assertThat(invite.startLine()).isEqualTo("INVITE sip:4930123456@127.0.0.1:5060 SIP/2.0");
        assertThat(invite.requestUri()).isEqualTo("sip:4930123456@127.0.0.1:5060");
        assertThat(invite.header("from")).hasValue("\"Jürgen\" <sip:caller@127.0.0.1:5062>;tag=abc");
        assertThat(invite.body()).isEqualTo("v=0\r\ns=Grüß").hasSize(11); // 13 bytes in UTF-8
        assertThat(invite.raw()).isEqualTo(INVITE);
        assertThat(invite.toTag()).isEmpty();
    }

    @Test
    void expands_compact_headers_unfolds_lines_and_keeps_every_value() {
        SipMessage ok = SipMessages.parse(log()).firstResponse(Direction.RECEIVED, 200);

        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.method()).isEqualTo("INVITE");
        assertThat(ok.callId()).isEqualTo("1-42@127.0.0.1");
        assertThat(ok.fromTag()).hasValue("abc");
        assertThat(ok.toTag()).hasValue("xyz");
        assertThat(ok.headerValues("VIA")).hasSize(2);
        assertThat(ok.viaSentBy()).containsExactly("10.0.0.1:5070", "[2001:db8::1]:5080", "127.0.0.1:5062");
        assertThat(ok.header("Subject")).hasValue("a header folded onto two lines");
        assertThat(ok.header("Content-Length")).hasValue("0");
        assertThat(ok.body()).isEmpty();
        assertThat(ok.headers()).containsKeys("Via", "From", "To", "Call-ID", "CSeq", "Subject", "Content-Length");
    }

    @Test
    void finds_requests_and_responses_by_direction() {
        SipMessages messages = SipMessages.parse(log());

        assertThat(messages.requests(Direction.SENT, "invite")).hasSize(1);
        assertThat(messages.requests(Direction.RECEIVED, "INVITE")).isEmpty();
        assertThat(messages.responses(Direction.RECEIVED, 200)).hasSize(1);
        assertThat(messages.responses(Direction.SENT, 200)).isEmpty();
        assertThat(messages.size()).isEqualTo(2);
        assertThat(List.copyOf(messages.sent())).hasSize(1);
    }

    @Test
    void missing_message_is_reported_with_what_the_log_holds() {
        SipMessages messages = SipMessages.parse(log());

        assertThatThrownBy(() -> messages.firstRequest(Direction.RECEIVED, "BYE"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("no RECEIVED BYE")
                .hasMessageContaining("SENT UDP INVITE sip:4930123456@127.0.0.1:5060 SIP/2.0")
                .hasMessageContaining("RECEIVED TCP SIP/2.0 200 OK");
    }

    @Test
    void parses_both_sides_of_a_real_call() {
        Outcome outcome = ScenarioPairsTest.call(Transport.TCP,
                Sipp.scenario("uas-answer.xml").workDir(runs),
                Sipp.scenario("uac-basic.xml").workDir(runs).service("4930123456"));
        outcome.assertBothSucceeded();

        SipMessages caller = outcome.caller().messages();
        SipMessages callee = outcome.callee().messages();

        assertThat(caller.all()).extracting(SipMessage::toString).containsExactly(
                "SENT TCP INVITE sip:4930123456@127.0.0.1:" + port(callee) + " SIP/2.0",
                "RECEIVED TCP SIP/2.0 180 Ringing",
                "RECEIVED TCP SIP/2.0 200 OK",
                "SENT TCP ACK sip:callee@127.0.0.1:" + port(callee) + ";transport=TCP SIP/2.0",
                "SENT TCP BYE sip:callee@127.0.0.1:" + port(callee) + ";transport=TCP SIP/2.0",
                "RECEIVED TCP SIP/2.0 200 OK");
        assertThat(callee.received()).hasSize(3);
        assertThat(callee.sent()).hasSize(3);
        SipMessage sentInvite = caller.firstRequest(Direction.SENT, "INVITE");
        SipMessage receivedInvite = callee.firstRequest(Direction.RECEIVED, "INVITE");
        // Directly connected, the callee sees the caller's own identifiers; behind the B2BUA it must not.
        assertThat(receivedInvite.raw()).isEqualTo(sentInvite.raw());
        assertThat(receivedInvite.callId()).isEqualTo(sentInvite.callId());
        assertThat(receivedInvite.viaSentBy()).containsExactly("127.0.0.1:" + port(caller));
        assertThat(receivedInvite.body()).hasSize(Integer.parseInt(receivedInvite.requiredHeader("Content-Length")));
    }

    private static int port(SipMessages side) {
        // The first message is the INVITE: its Via (sent) or Request-URI (received) names the port.
        SipMessage invite = side.all().get(0);
        String hostPort = invite.direction() == Direction.SENT
                ? invite.viaSentBy().get(0)
                : invite.requestUri().replaceFirst("^sip:[^@]*@", "");
        return Integer.parseInt(hostPort.substring(hostPort.lastIndexOf(':') + 1));
    }

    private static byte[] log() {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        write(log, "Problem EAGAIN on socket  7 and poll_idx  is 1 \nExit problem event on socket 7 \n");
        entry(log, "2026-11-21 09:48:39.953026", "UDP message sent (%d bytes):", INVITE);
        entry(log, "2026-11-21 09:48:39.954323", "TCP message received [%d] bytes :", OK);
        write(log, SEPARATOR + "\nDead call 1-42@127.0.0.1 received a UDP message:\n\n" + OK + "\n");
        return log.toByteArray();
    }

    private static void entry(ByteArrayOutputStream log, String time, String format, String message) {
        byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
        write(log, SEPARATOR + " " + time + "\n" + String.format(format, bytes.length) + "\n\n");
        log.writeBytes(bytes);
        write(log, "\n");
    }

    private static void write(ByteArrayOutputStream log, String text) {
        log.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }
}
