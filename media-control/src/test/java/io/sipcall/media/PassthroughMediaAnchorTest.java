package io.sipcall.media;

import static org.assertj.core.api.Assertions.assertThat;

import io.sipcall.sip.port.Body;
import io.sipcall.sip.port.CallId;
import io.sipcall.sip.port.MediaSession;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PassthroughMediaAnchorTest {

    private static final Body OFFER = new Body(Body.SDP,
            "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0\r\n"
                    .getBytes(StandardCharsets.US_ASCII));

    @Test
    void relays_bodies_unchanged_in_both_directions() {
        MediaSession session = new PassthroughMediaAnchor().open(CallId.random());

        assertThat(session.towardsCallee(OFFER).toCompletableFuture().join()).isEqualTo(OFFER);
        assertThat(session.towardsCaller(OFFER).toCompletableFuture().join()).isEqualTo(OFFER);
    }

    @Test
    void passes_non_sdp_bodies_through() {
        Body dtmf = new Body("application/dtmf-relay", "Signal=5\r\nDuration=160\r\n".getBytes(StandardCharsets.US_ASCII));
        MediaSession session = new PassthroughMediaAnchor().open(CallId.random());

        assertThat(session.towardsCallee(dtmf).toCompletableFuture().join()).isEqualTo(dtmf);
    }
}
