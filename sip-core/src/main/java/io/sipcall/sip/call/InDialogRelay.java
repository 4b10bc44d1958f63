package io.sipcall.sip.call;

import io.sipcall.sip.port.Body;
import java.util.Optional;
import java.util.function.Function;

/**
 * Relays in-dialog requests (re-INVITE, UPDATE, INFO) of a confirmed call from one leg to the other
 * and their responses back, one offer/answer exchange at a time (RFC 3261 14.2, RFC 3311 5.2).
 * Confined to the call's executor.
 */
final class InDialogRelay {

    private final MediaRelay media;
    private final Function<Side, Leg> legs;
    /** The side whose offer-carrying request (re-INVITE/UPDATE) is being relayed, if any. */
    private Side offerFrom;
    /** The side whose relayed re-INVITE got its 2xx and still owes the ACK, if any. */
    private Side reinviteAckFrom;

    InDialogRelay(MediaRelay media, Function<Side, Leg> legs) {
        this.media = media;
        this.legs = legs;
    }

    /** Relays {@code request}, which arrived on {@code side}, once the call is confirmed. */
    void relay(Side side, PendingRequest request) {
        boolean carriesOffer = "INVITE".equals(request.method()) || "UPDATE".equals(request.method());
        if (request.maxForwards() <= 0) {
            request.respond(483, "Too Many Hops", Optional.empty());
            return;
        }
        if (carriesOffer && (offerFrom != null || reinviteAckFrom != null)) {
            request.respond(491, "Request Pending", Optional.empty());
            return;
        }
        if (carriesOffer) {
            offerFrom = side;
        }
        Side to = side.other();
        media.relay(side, request.body(), relayed -> legs.apply(to).send(request.method(), relayed,
                request.maxForwards() - 1, (status, reason, responseBody) ->
                        media.relay(to, responseBody, back -> {
                            request.respond(status, reason, back);
                            if (carriesOffer) {
                                offerFrom = null;
                                boolean awaitAck = "INVITE".equals(request.method()) && status >= 200 && status < 300;
                                reinviteAckFrom = awaitAck ? side : null;
                            }
                        })));
    }

    /** The ACK for a relayed re-INVITE's 2xx, arrived on {@code side}: passed to the other leg. */
    void acknowledge(Side side, Optional<Body> body) {
        if (reinviteAckFrom != side) {
            return;
        }
        reinviteAckFrom = null;
        media.relay(side, body, relayed -> legs.apply(side.other()).ackReinvite(relayed));
    }
}
