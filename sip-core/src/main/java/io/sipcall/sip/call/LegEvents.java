package io.sipcall.sip.call;

import io.sipcall.sip.port.Body;
import java.util.Optional;

/**
 * What legs report to their call: the semantic handler interface of a B2BUA call (no raw SIP). Every
 * method is called on the call's executor.
 */
public interface LegEvents {

    /** The trunk acknowledged our INVITE with 100 Trying. */
    void onCalleeTrying();

    /** A provisional response (101-199) from the callee. */
    void onCalleeProvisional(int status, String reason, Optional<Body> body);

    /** The callee's first 2xx to our INVITE. */
    void onCalleeAnswered(Optional<Body> body);

    /** A final error (300-699) from the callee to our INVITE. */
    void onCalleeRejected(int status, String reason);

    /** The callee's INVITE got no final response in time (RFC 3261 Timer B), or could not be sent. */
    void onCalleeUnreachable(boolean transportError);

    /** The caller cancelled its INVITE (the CANCEL itself is already answered). */
    void onCallerCancel();

    /** The caller's ACK for our 2xx to its INVITE. */
    void onCallerAck(Optional<Body> body);

    /** Our 2xx to the caller was never acknowledged (RFC 3261 13.3.1.4). */
    void onCallerAckTimeout();

    /** A BYE arrived on {@code side} (already answered with 200). */
    void onBye(Side side);

    /** An in-dialog request to relay arrived on {@code side}. */
    void onRequest(Side side, PendingRequest request);

    /** The ACK for a relayed re-INVITE's 2xx arrived on {@code side}. */
    void onReinviteAck(Side side, Optional<Body> body);

    /** The leg on {@code side} is gone: its dialog ended or its transaction failed for good. */
    void onLegGone(Side side);
}
