package io.sipcall.it.raw;

import io.sipcall.it.sipp.SipMessage;

/** What a {@link RawSipClient} got back within its deadline. */
public sealed interface Reply permits Reply.Message, Reply.Pong, Reply.Silence, Reply.Closed {

    /** Nothing arrived before the deadline. */
    Reply SILENCE = new Silence();
    /** The B2BUA closed the TCP connection. */
    Reply CLOSED = new Closed();
    /** A bare CRLF: the answer to a double-CRLF keep-alive on a stream (RFC 5626 4.4.1). */
    Reply PONG = new Pong();

    /** A SIP message. */
    record Message(SipMessage message) implements Reply {
    }

    record Pong() implements Reply {
    }

    record Silence() implements Reply {
    }

    record Closed() implements Reply {
    }
}
