package io.sipcall.media.esl;

import static io.sipcall.media.esl.EslWire.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EventParserTest {

    @Test
    void plain_header_values_are_url_decoded_as_switch_url_decode_does() {
        EslEvent event = EventParser.plain(utf8("Event-Name: CHANNEL_EXECUTE_COMPLETE\n"
                + "FreeSWITCH-IPv6: %3A%3A1\n"
                + "Event-Date-GMT: Wed,%2007%20Nov%202018%2015%3A59%3A11%20GMT\n"
                + "Channel-Name: sofia/external/nobody%40192.168.1.235%3A5060\n"
                + "Caller-Caller-ID-Name: Zo%C3%AB%20M%C3%BCller\n"
                + "variable_sip_h_X-Plus: a+b%2Bc\n"
                + "variable_discount: 100%\n"
                + "\n"));

        assertThat(event.name()).isEqualTo("CHANNEL_EXECUTE_COMPLETE");
        assertThat(event.header("FreeSWITCH-IPv6")).contains("::1");
        assertThat(event.header("Event-Date-GMT")).contains("Wed, 07 Nov 2018 15:59:11 GMT");
        assertThat(event.header("channel-name")).contains("sofia/external/nobody@192.168.1.235:5060");
        assertThat(event.header("Caller-Caller-ID-Name")).as("UTF-8 bytes").contains("Zoë Müller");
        assertThat(event.header("variable_sip_h_X-Plus")).as("a plus stays a plus").contains("a+b+c");
        assertThat(event.header("variable_discount")).as("a lone percent sign stays").contains("100%");
        assertThat(event.body()).isEmpty();
    }

    @Test
    void a_plain_event_keeps_its_inner_body_and_not_its_content_length() {
        EslEvent event = EventParser.plain(utf8("Job-UUID: 7f4db78a-17d7-11dd-b7a0-db4edd065621\n"
                + "Job-Command: originate\n"
                + "Job-Command-Arg: sofia/default/1005%20'%26park'\n"
                + "Event-Name: BACKGROUND_JOB\n"
                + "Content-Length: 41\n"
                + "\n"
                + "+OK 7f4de4bc-17d7-11dd-b7a0-db4edd065621\n"));

        assertThat(event.name()).isEqualTo("BACKGROUND_JOB");
        assertThat(event.header("Job-Command-Arg")).contains("sofia/default/1005 '&park'");
        assertThat(event.body()).isEqualTo("+OK 7f4de4bc-17d7-11dd-b7a0-db4edd065621\n");
        assertThat(event.headers()).doesNotContainKey("Content-Length");
    }

    @Test
    void an_inner_body_may_hold_blank_lines_and_header_lookalikes() {
        String body = "first paragraph\n\nX-Not-A-Header: 1\n";
        EslEvent event = EventParser.plain(EslWire.plain(FakeEvent.named("MESSAGE", 7).body(body)));

        assertThat(event.body()).isEqualTo(body);
        assertThat(event.headers()).doesNotContainKey("X-Not-A-Header");
    }

    @Test
    void a_json_event_reads_its_body_and_its_array_headers() {
        EslEvent event = EventParser.json(utf8("{\"Event-Name\":\"CUSTOM\",\"Event-Subclass\":\"sofia::register\","
                + "\"variable_list\":[\"a\",\"b c\"],\"Caller-Caller-ID-Name\":\"Zoë\",\"Content-Length\":\"5\",\"_body\":\"hello\"}"));

        assertThat(event.name()).isEqualTo("CUSTOM");
        assertThat(event.header("Event-Subclass")).contains("sofia::register");
        assertThat(event.header("variable_list")).as("as plain events show arrays").contains("ARRAY::a|:b c");
        assertThat(event.header("Caller-Caller-ID-Name")).contains("Zoë");
        assertThat(event.body()).isEqualTo("hello");
        assertThat(event.headers()).doesNotContainKeys("Content-Length", "_body");
    }

    @Test
    void the_plain_and_json_forms_of_an_event_read_the_same() {
        FakeEvent fired = FakeEvent.named("CHANNEL_ANSWER", 42)
                .header("Channel-Name", "sofia/internal/+4930123@example.com;transport=tls")
                .header("variable_unsafe", "\"#%&+:;<=>?@[\\]^`{|} and\ttab")
                .header("variable_empty_list", "ARRAY::x|:y")
                .body("body line\n");

        EslEvent plain = EventParser.plain(EslWire.plain(fired));
        EslEvent json = EventParser.json(EslWire.json(fired));

        assertThat(plain.headers()).isEqualTo(fired.headers()).isEqualTo(json.headers());
        assertThat(plain.body()).isEqualTo(json.body()).isEqualTo("body line\n");
    }

    @Test
    void a_json_body_that_is_no_object_is_a_protocol_error() {
        assertThatThrownBy(() -> EventParser.json(utf8("[1,2]"))).isInstanceOf(EslProtocolException.class);
        assertThatThrownBy(() -> EventParser.json(utf8("{\"Event-Name\":"))).isInstanceOf(EslProtocolException.class);
    }
}
