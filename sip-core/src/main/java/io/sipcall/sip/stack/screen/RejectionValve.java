package io.sipcall.sip.stack.screen;

import gov.nist.javax.sip.Utils;
import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import gov.nist.javax.sip.stack.MessageChannel;
import gov.nist.javax.sip.stack.SIPMessageValve;
import java.io.IOException;
import javax.sip.SipStack;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops every message {@link ScreeningParser} marked with a {@link Rejection} before the stack
 * looks up a transaction or calls the listener, and answers a rejected request statelessly, to
 * where it came from. Named by the stack property SIP_MESSAGE_VALVE.
 */
public final class RejectionValve implements SIPMessageValve {

    private static final Logger LOG = LoggerFactory.getLogger(RejectionValve.class);

    /** Called reflectively by the SIP stack. */
    public RejectionValve() {
    }

    @Override
    public boolean processRequest(SIPRequest request, MessageChannel channel) {
        if (!(request.getApplicationData() instanceof Rejection rejection)) {
            return true;
        }
        if (rejection.answered()) {
            answer(request, channel, rejection);
        } else {
            LOG.debug("dropped a malformed {} from {}:{}: {}", request.getMethod(), channel.getPeerAddress(),
                    channel.getPeerPort(), rejection.reason());
        }
        return false;
    }

    private static void answer(SIPRequest request, MessageChannel channel, Rejection rejection) {
        try {
            SIPResponse response = request.createResponse(rejection.status(), rejection.reason());
            if (StandIns.lacksTag(response.getTo())) {
                response.getTo().setTag(Utils.getInstance().generateTag()); // RFC 3261 8.2.6.2
            }
            if (request.getPeerPacketSourceAddress() != null) {
                channel.sendMessage(response, request.getPeerPacketSourceAddress(), request.getPeerPacketSourcePort());
            } else {
                channel.sendMessage(response);
            }
            LOG.debug("answered a malformed {} from {}:{} with {} {}", request.getMethod(),
                    channel.getPeerAddress(), channel.getPeerPort(), rejection.status(), rejection.reason());
        } catch (IOException | java.text.ParseException | RuntimeException e) {
            LOG.warn("cannot answer a malformed {} from {}:{} with {}: {}", request.getMethod(),
                    channel.getPeerAddress(), channel.getPeerPort(), rejection.status(), e.toString());
        }
    }

    @Override
    public boolean processResponse(Response response, MessageChannel channel) {
        if (response instanceof SIPMessage message && message.getApplicationData() instanceof Rejection rejection) {
            LOG.debug("dropped a malformed response from {}:{}: {}", channel.getPeerAddress(), channel.getPeerPort(),
                    rejection.reason());
            return false;
        }
        return true;
    }

    @Override
    public void init(SipStack stack) {
        // Stateless: nothing to set up.
    }

    @Override
    public void destroy() {
        // Stateless: nothing to release.
    }
}
