package io.sipcall.sip.gateway;

import io.sipcall.sip.port.Directory;
import io.sipcall.sip.session.StatelessResponder;
import javax.sip.message.Request;
import java.util.Optional;

/** What the gateway authenticator decided about one request. */
public sealed interface AuthOutcome {

    /**
     * Answers a request that was not let through: a challenge with {@code challengeStatus} (401 for
     * REGISTER, 407 otherwise), or the refusal. Nothing to answer for an authenticated request.
     */
    default void answer(Request request, StatelessResponder responder, int challengeStatus) {
        if (this instanceof Challenge challenge) {
            responder.challenge(request, challengeStatus, challenge.challenges());
        } else if (this instanceof Refused refused) {
            responder.respond(request, refused.status(), refused.reason());
        }
    }

    /** Let it through, on behalf of {@code user} (empty: a trusted peer that named no user). */
    record Authenticated(Optional<Directory.User> user) implements AuthOutcome {
    }

    /** Ask for credentials: 401 (REGISTER) or 407 (everything else) with these challenge header values. */
    record Challenge(java.util.List<String> challenges) implements AuthOutcome {
    }

    /** Refuse with this status and reason phrase. */
    record Refused(int status, String reason) implements AuthOutcome {
    }
}
