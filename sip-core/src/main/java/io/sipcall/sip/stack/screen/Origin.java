package io.sipcall.sip.stack.screen;

import gov.nist.javax.sip.stack.MessageChannel;

/**
 * Where a message came from, as far as screening cares.
 *
 * @param transport UDP, TCP or TLS
 * @param address   the peer's IP address
 * @param port      the peer's port, or 0 if not known yet
 * @param stream    whether the transport is a byte stream (framed by Content-Length, RFC 3261 18.3)
 */
record Origin(String transport, String address, int port, boolean stream) {

    static Origin of(MessageChannel channel) {
        return new Origin(channel.getTransport(), channel.getPeerAddress(), channel.getPeerPort(),
                channel.isReliable());
    }

    @Override
    public String toString() {
        return transport + " " + address + ":" + port;
    }
}
