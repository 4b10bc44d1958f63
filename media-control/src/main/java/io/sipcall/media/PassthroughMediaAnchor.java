package io.sipcall.media;

import io.sipcall.sip.port.Body;
import io.sipcall.sip.port.CallId;
import io.sipcall.sip.port.MediaAnchor;
import io.sipcall.sip.port.MediaSession;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Relays every body unchanged: media flows directly between the caller's gateway and the trunk.
 * It cannot mute, hold or inject DTMF, and says so to the API in a later change.
 */
public final class PassthroughMediaAnchor implements MediaAnchor {

    private static final MediaSession SESSION = new MediaSession() {
        @Override
        public CompletionStage<Body> towardsCallee(Body fromCaller) {
            return CompletableFuture.completedFuture(fromCaller);
        }

        @Override
        public CompletionStage<Body> towardsCaller(Body fromCallee) {
            return CompletableFuture.completedFuture(fromCallee);
        }

        @Override
        public void close() {
            // nothing is held
        }
    };

    @Override
    public String name() {
        return "passthrough";
    }

    @Override
    public MediaSession open(CallId callId) {
        return SESSION;
    }
}
