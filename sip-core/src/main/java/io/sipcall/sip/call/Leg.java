package io.sipcall.sip.call;

import io.sipcall.sip.port.Body;
import java.util.Optional;

/** What both legs of a confirmed call can do. Every method is called on the call's executor. */
public interface Leg {

    /**
     * Sends an in-dialog request (re-INVITE, UPDATE, INFO) relayed from the other leg. The handler is
     * called on the call's executor with the final response, or 408 when none came.
     */
    void send(String method, Optional<Body> body, int maxForwards, ResponseHandler handler);

    /** Acknowledges the 2xx of the last re-INVITE sent with {@link #send}, carrying {@code body}. */
    void ackReinvite(Optional<Body> body);

    /**
     * Ends this leg's confirmed dialog with BYE. The call learns the leg is gone through
     * {@link LegEvents#onLegGone(Side)} when the BYE completes or times out.
     */
    void hangUp();

    /** The final response to an in-dialog request, relayed back to where the request came from. */
    @FunctionalInterface
    interface ResponseHandler {
        void onResponse(int status, String reason, Optional<Body> body);
    }
}
