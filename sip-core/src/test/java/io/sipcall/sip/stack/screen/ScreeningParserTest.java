package io.sipcall.sip.stack.screen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.message.SIPRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the screening parser makes of broken bytes, without a stack: its decisions and its stand-ins. */
class ScreeningParserTest {

    private static final Origin UDP = new Origin("UDP", "192.0.2.7", 5062, false);
    private static final Origin TCP = new Origin("TCP", "192.0.2.7", 40001, true);
    private static final int MAX = 64 * 1024;

    private final ScreeningParser parser = new ScreeningParser(MAX);

    /** A well-formed OPTIONS, as lines, for a test to break one of. */
    private static List<String> options() {
        return new ArrayList<>(List.of(
                "OPTIONS sip:keepalive@192.0.2.1 SIP/2.0",
                "Via: SIP/2.0/UDP 192.0.2.7:5062;branch=z9hG4bK-abc",
                "Max-Forwards: 70",
                "From: <sip:alice@192.0.2.7>;tag=f1",
                "To: <sip:keepalive@192.0.2.1>",
                "Call-ID: c1@192.0.2.7",
                "CSeq: 7 OPTIONS"));
    }

    private static byte[] wire(List<String> lines, String body) {
        return (String.join("\r\n", lines) + "\r\nContent-Length: " + body.length() + "\r\n\r\n" + body)
                .getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> with(String header, String value) {
        List<String> lines = options();
        lines.replaceAll(line -> line.startsWith(header + ":") ? header + ": " + value : line);
        return lines;
    }

    private static List<String> without(String header) {
        List<String> lines = options();
        lines.removeIf(line -> line.startsWith(header + ":"));
        return lines;
    }

    private SIPMessage screen(byte[] bytes, Origin origin) throws ScreeningParser.Unusable {
        return parser.screen(bytes, true, origin, null);
    }

    private static Object rejection(SIPMessage message) {
        return message.getApplicationData();
    }

    @Test
    void a_well_formed_request_passes_untouched() throws Exception {
        SIPMessage message = screen(wire(options(), ""), UDP);

        assertThat(rejection(message)).isNull();
        assertThat(message.getCSeq().getSeqNumber()).isEqualTo(7);
    }

    @Test
    void an_unreadable_cseq_gets_400_and_the_answer_copies_the_senders_text() throws Exception {
        SIPMessage message = screen(wire(with("CSeq", "abc OPTIONS"), ""), UDP);

        assertThat(rejection(message)).isEqualTo(new Rejection(400, "Bad CSeq header field"));
        String answer = ((SIPRequest) message).createResponse(400).encode();
        assertThat(answer).contains("\r\nCSeq: abc OPTIONS\r\n", "\r\nCall-ID: c1@192.0.2.7\r\n",
                "branch=z9hG4bK-abc");
    }

    @Test
    void an_unreadable_from_or_to_is_copied_as_written() throws Exception {
        SIPMessage from = screen(wire(with("From", "<<<garbage;;tag="), ""), TCP);
        SIPMessage to = screen(wire(with("To", "sip:@@@ >"), ""), UDP);

        assertThat(rejection(from)).isEqualTo(new Rejection(400, "Bad From header field"));
        assertThat(from.getFrom().toString()).isEqualTo("From: <<<garbage;;tag=\r\n");
        assertThat(rejection(to)).isEqualTo(new Rejection(400, "Bad To header field"));
        assertThat(StandIns.lacksTag(to.getTo())).isTrue();
        to.getTo().setTag("b1");
        assertThat(to.getTo().toString()).isEqualTo("To: sip:@@@ >;tag=b1\r\n");
        assertThat(StandIns.lacksTag(StandIns.to("<sip:x@y>;tag=9 junk"))).isFalse();
    }

    @Test
    void a_missing_mandatory_header_makes_an_answer_impossible() throws Exception {
        SIPMessage message = screen(wire(without("Call-ID"), ""), TCP);

        assertThat(rejection(message)).isEqualTo(Rejection.drop("Missing Call-ID header field"));
        assertThat(message.getCallId()).as("a stand-in, so the stack can queue it by Call-ID").isNotNull();
    }

    @Test
    void an_unreadable_via_cannot_be_answered() throws Exception {
        assertThat(rejection(screen(wire(with("Via", "nonsense"), ""), UDP)))
                .isEqualTo(Rejection.drop("Bad Via header field"));
        assertThat(rejection(screen(wire(without("Via"), ""), UDP)))
                .isEqualTo(Rejection.drop("Missing Via header field"));
    }

    @Test
    void an_unreadable_request_uri_gets_400_with_the_method_kept() throws Exception {
        List<String> lines = options();
        lines.set(0, "OPTIONS not a uri SIP/2.0");
        SIPRequest request = (SIPRequest) screen(wire(lines, ""), UDP);

        assertThat(rejection(request)).isEqualTo(new Rejection(400, "Bad Request-Line"));
        assertThat(request.getMethod()).isEqualTo("OPTIONS");
    }

    @Test
    void a_cseq_method_other_than_the_requests_gets_400() throws Exception {
        SIPRequest request = (SIPRequest) screen(wire(with("CSeq", "7 INVITE"), ""), TCP);

        assertThat(rejection(request)).isEqualTo(new Rejection(400, "CSeq method does not match the Request-Line"));
        assertThat(request.createResponse(400).encode()).contains("\r\nCSeq: 7 INVITE\r\n");
    }

    @Test
    void a_broken_ack_is_never_answered() throws Exception {
        List<String> lines = with("CSeq", "x ACK");
        lines.set(0, "ACK sip:keepalive@192.0.2.1 SIP/2.0");

        assertThat(rejection(screen(wire(lines, ""), UDP))).isEqualTo(Rejection.drop("Bad CSeq header field"));
    }

    @Test
    void another_sip_version_gets_505() throws Exception {
        List<String> lines = options();
        lines.set(0, "OPTIONS sip:keepalive@192.0.2.1 SIP/3.0");

        assertThat(rejection(screen(wire(lines, ""), UDP))).isEqualTo(new Rejection(505, "Version Not Supported"));
    }

    @Test
    void a_broken_response_is_dropped() throws Exception {
        List<String> lines = with("CSeq", "abc OPTIONS");
        lines.set(0, "SIP/2.0 200 OK");

        assertThat(rejection(screen(wire(lines, ""), TCP))).isEqualTo(Rejection.drop("Bad CSeq header field"));
    }

    @Test
    void an_unreadable_optional_header_is_kept_aside_and_the_request_passes() throws Exception {
        List<String> lines = with("Max-Forwards", "lots");
        lines.add("This line has no colon");

        SIPMessage message = screen(wire(lines, ""), UDP);

        assertThat(rejection(message)).isNull();
        assertThat(message.getUnrecognizedHeaders()).toIterable().hasSize(2);
    }

    @Test
    void on_a_datagram_the_body_is_exactly_content_length_bytes() throws Exception {
        byte[] longer = (String.join("\r\n", options()) + "\r\nContent-Length: 5\r\n\r\nhello world")
                .getBytes(StandardCharsets.UTF_8);
        byte[] shorter = (String.join("\r\n", options()) + "\r\nContent-Length: 50\r\n\r\nhello")
                .getBytes(StandardCharsets.UTF_8);

        SIPMessage truncated = screen(longer, UDP);
        assertThat(rejection(truncated)).isNull();
        assertThat(truncated.getRawContent()).asString(StandardCharsets.UTF_8).isEqualTo("hello");
        assertThat(rejection(screen(shorter, UDP)))
                .isEqualTo(new Rejection(400, "Content-Length larger than the body"));
    }

    @Test
    void bytes_that_are_no_sip_message_are_unusable() {
        assertThatThrownBy(() -> screen("this is not SIP\r\n\r\n".getBytes(StandardCharsets.UTF_8), UDP))
                .isInstanceOf(ScreeningParser.Unusable.class).hasMessageContaining("not a SIP message");
        assertThatThrownBy(() -> screen("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.UTF_8), TCP))
                .isInstanceOf(ScreeningParser.Unusable.class);
    }

    @Test
    void line_ends_alone_are_a_keep_alive() throws Exception {
        assertThat(screen("\r\n\r\n".getBytes(StandardCharsets.UTF_8), UDP)).isNull();
    }

    @Test
    void on_a_stream_an_unreadable_or_oversized_content_length_loses_the_framing() {
        List<String> lines = options();
        lines.add("Content-Length: abc");
        byte[] unreadable = (String.join("\r\n", lines) + "\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] oversized = (String.join("\r\n", options()) + "\r\nContent-Length: " + (MAX + 1) + "\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> parser.screen(unreadable, false, TCP, null))
                .isInstanceOf(ScreeningParser.Unusable.class).hasMessageContaining("Content-Length");
        assertThatThrownBy(() -> parser.screen(oversized, false, TCP, null))
                .isInstanceOf(ScreeningParser.Unusable.class).hasMessageContaining("limit");
    }

    @Test
    void on_a_datagram_an_unreadable_content_length_gets_400() throws Exception {
        List<String> lines = options();
        lines.add("Content-Length: abc");
        byte[] bytes = (String.join("\r\n", lines) + "\r\n\r\n").getBytes(StandardCharsets.UTF_8);

        assertThat(rejection(screen(bytes, UDP))).isEqualTo(new Rejection(400, "Bad Content-Length header field"));
    }
}
