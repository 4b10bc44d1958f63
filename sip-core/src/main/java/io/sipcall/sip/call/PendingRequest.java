package io.sipcall.sip.call;

import io.sipcall.sip.port.Body;
import java.util.Optional;

/** An in-dialog request (re-INVITE, UPDATE, INFO) received on one leg and awaiting our response. */
public interface PendingRequest {

    String method();

    Optional<Body> body();

    int maxForwards();

    /** Sends the final response on the leg the request came from. */
    void respond(int status, String reason, Optional<Body> body);
}
