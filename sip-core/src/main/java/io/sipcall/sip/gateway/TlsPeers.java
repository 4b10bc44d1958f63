package io.sipcall.sip.gateway;

import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.stack.HandshakeCompletedListenerImpl;
import gov.nist.javax.sip.stack.TLSMessageChannel;
import javax.net.ssl.HandshakeCompletedEvent;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.sip.message.Request;

/**
 * Whether a request came over a TLS connection whose client presented a certificate chain. The TLS
 * listener verifies a presented chain against {@code gateway.trusted-certificates} only (a chain it
 * cannot verify fails the handshake), so a presented chain is a trusted one.
 */
final class TlsPeers {

    private TlsPeers() {
    }

    static boolean presentedTrustedCertificate(Request request) {
        if (!(request instanceof SIPRequest sip) || !(sip.getMessageChannel() instanceof TLSMessageChannel tls)) {
            return false;
        }
        HandshakeCompletedListenerImpl listener = tls.getHandshakeCompletedListener();
        // The event is in place once the handshake has completed, before any request is read.
        HandshakeCompletedEvent handshake = listener == null ? null : listener.getHandshakeCompletedEvent();
        if (handshake == null) {
            return false;
        }
        try {
            return handshake.getPeerCertificates().length > 0;
        } catch (SSLPeerUnverifiedException e) {
            return false;
        }
    }
}
