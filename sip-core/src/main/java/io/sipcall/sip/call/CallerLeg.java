package io.sipcall.sip.call;

import io.sipcall.sip.port.Body;
import java.util.Optional;

/** The caller's side of a call: a server INVITE session (UAS role, RFC 3261 13.3). */
public interface CallerLeg extends Leg {

    /** The offer (or no body, for a delayed offer) that came with the caller's INVITE. */
    Optional<Body> offer();

    /** What the caller dialled (the Request-URI user part). */
    String dialled();

    /** The caller's identity (the From user part). */
    String caller();

    /** The Max-Forwards of the caller's INVITE. */
    int maxForwards();

    /** Relays a provisional response (180, 183 with early media). */
    void provisional(int status, String reason, Optional<Body> body);

    /** Answers the INVITE with 200 OK. */
    void answer(Optional<Body> body);

    /** Ends the INVITE with a final error response (the caller's leg is then gone). */
    void reject(int status, String reason);
}
