package io.sipcall.sip.call;

import io.sipcall.sip.port.Body;
import io.sipcall.sip.port.RouteDecision;
import java.util.Optional;

/** The trunk's side of a call: a client INVITE session (UAC role, RFC 3261 13.2). */
public interface CalleeLeg extends Leg {

    /**
     * Sends the INVITE to {@code target}, from {@code fromUser} (the caller ID: also asserted in
     * P-Asserted-Identity when the target carries one). Responses come back through {@link LegEvents}.
     */
    void invite(RouteDecision.Target target, String fromUser, Optional<Body> body, int maxForwards);

    /**
     * Cancels the INVITE (RFC 3261 9.1). Before any provisional response the CANCEL is held back
     * and sent when one arrives; a 2xx that crosses it is acknowledged and ended with BYE.
     */
    void cancel();

    /**
     * Gives up an INVITE that got no response at all: stops its retransmissions without a CANCEL
     * (RFC 3261 9.1 allows none before a provisional response). The leg is gone at once; an answer
     * arriving later finds no call and is acknowledged and ended with BYE by the dispatcher.
     */
    void abandon();

    /** Acknowledges the callee's 2xx to the INVITE (end-to-end ACK), carrying {@code body}. */
    void ack(Optional<Body> body);
}
