package io.sipcall.sip.port;

import java.util.concurrent.CompletionStage;

/**
 * The media side of one call. Each method takes a body that arrived on one leg and yields the body to
 * send on the other. Non-SDP bodies (INFO payloads and the like) are handed over too; an anchor passes
 * what it does not understand through unchanged.
 *
 * <p>The returned stage may complete on any thread; the B2BUA moves back onto the call's executor.
 * A stage that fails ends the call with a server error.
 */
public interface MediaSession {

    /** A body from the caller (an offer, or the answer to a callee's offer) to forward to the callee. */
    CompletionStage<Body> towardsCallee(Body fromCaller);

    /** A body from the callee (an answer, early media, or a callee's offer) to forward to the caller. */
    CompletionStage<Body> towardsCaller(Body fromCallee);

    /** Releases the media resources of the call. Idempotent. */
    void close();
}
