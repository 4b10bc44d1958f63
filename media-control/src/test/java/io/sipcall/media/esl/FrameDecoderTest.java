package io.sipcall.media.esl;

import static io.sipcall.media.esl.EslWire.concat;
import static io.sipcall.media.esl.EslWire.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class FrameDecoderTest {

    @Test
    void the_wire_helper_writes_mod_event_socket_bytes() {
        assertThat(new String(EslWire.disconnectNotice(EslWire.GOODBYE)))
                .isEqualTo("Content-Type: text/disconnect-notice\nContent-Length: 67\n\n" + EslWire.GOODBYE);
        assertThat(new String(EslWire.rudeRejection()))
                .isEqualTo("Content-Type: text/rude-rejection\nContent-Length: 24\n\nAccess Denied, go away.\n");
        assertThat(new String(EslWire.commandReply("+OK accepted")))
                .isEqualTo("Content-Type: command/reply\nReply-Text: +OK accepted\n\n");
    }

    @Test
    void frames_arriving_one_byte_per_read_are_decoded_whole_and_in_order() throws IOException {
        byte[] wire = concat(EslWire.authRequest(), EslWire.commandReply("+OK accepted"),
                EslWire.apiResponse("line one\n\nContent-Type: not/a-header\n"), EslWire.disconnectNotice(EslWire.GOODBYE));
        FrameDecoder decoder = new FrameDecoder(new OneByteAtATime(wire));

        EslFrame greeting = decoder.next();
        EslFrame reply = decoder.next();
        EslFrame api = decoder.next();
        EslFrame notice = decoder.next();

        assertThat(greeting.contentType()).isEqualTo("auth/request");
        assertThat(greeting.body()).isEmpty();
        assertThat(reply.header("reply-text")).as("header names are case-insensitive").isEqualTo("+OK accepted");
        assertThat(api.contentType()).isEqualTo("api/response");
        assertThat(api.bodyText()).as("a blank line inside a body is body").isEqualTo("line one\n\nContent-Type: not/a-header\n");
        assertThat(notice.bodyText()).isEqualTo(EslWire.GOODBYE);
        assertThat(decoder.next()).as("clean end between frames").isNull();
    }

    @Test
    void content_length_counts_bytes_not_characters() throws IOException {
        String body = "Zoë Müller ☎\n";
        FrameDecoder decoder = new FrameDecoder(new ByteArrayInputStream(concat(EslWire.apiResponse(body),
                EslWire.commandReply("+OK"))));

        assertThat(decoder.next().bodyText()).isEqualTo(body);
        assertThat(decoder.next().header("Reply-Text")).isEqualTo("+OK");
    }

    @Test
    void crlf_line_ends_and_blank_lines_before_a_frame_are_tolerated() throws IOException {
        FrameDecoder decoder = new FrameDecoder(new ByteArrayInputStream(
                utf8("\n\r\nContent-Type: command/reply\r\nReply-Text: +OK\r\n\r\n")));

        EslFrame frame = decoder.next();

        assertThat(frame.contentType()).isEqualTo("command/reply");
        assertThat(frame.header("Reply-Text")).isEqualTo("+OK");
    }

    @Test
    void a_stream_ending_inside_a_body_is_an_eof_not_a_short_frame() {
        byte[] whole = EslWire.apiResponse("+OK 7f4de4bc-17d7-11dd-b7a0-db4edd065621\n");
        FrameDecoder decoder = new FrameDecoder(new ByteArrayInputStream(Arrays.copyOf(whole, whole.length - 5)));

        assertThatThrownBy(decoder::next).isInstanceOf(EOFException.class).hasMessageContaining("body bytes");
    }

    @Test
    void a_stream_ending_inside_a_header_block_is_an_eof() {
        FrameDecoder decoder = new FrameDecoder(new ByteArrayInputStream(utf8("Content-Type: command/reply\nReply-Te")));

        assertThatThrownBy(decoder::next).isInstanceOf(EOFException.class);
    }

    @Test
    void a_content_length_that_is_no_number_or_too_big_is_a_protocol_error() {
        FrameDecoder garbage = new FrameDecoder(new ByteArrayInputStream(utf8("Content-Length: 12x\n\n")));
        FrameDecoder huge = new FrameDecoder(new ByteArrayInputStream(utf8("Content-Length: 99999999\n\n")));

        assertThatThrownBy(garbage::next).isInstanceOf(EslProtocolException.class).hasMessageContaining("12x");
        assertThatThrownBy(huge::next).isInstanceOf(EslProtocolException.class).hasMessageContaining("out of range");
    }

    @Test
    void an_endless_header_block_is_a_protocol_error() {
        byte[] endless = utf8("X-Filler: " + "a".repeat(FrameDecoder.MAX_HEADER_BYTES) + "\n\n");

        assertThatThrownBy(() -> new FrameDecoder(new ByteArrayInputStream(endless)).next())
                .isInstanceOf(EslProtocolException.class);
    }

    /** A socket at its slowest: every read returns a single byte. */
    private static final class OneByteAtATime extends InputStream {
        private final byte[] bytes;
        private int next;

        OneByteAtATime(byte[] bytes) {
            this.bytes = bytes;
        }

        @Override
        public int read() {
            return next < bytes.length ? bytes[next++] & 0xFF : -1;
        }

        @Override
        public int read(byte[] target, int offset, int length) {
            if (next == bytes.length) {
                return -1;
            }
            target[offset] = bytes[next++];
            return 1;
        }
    }
}
