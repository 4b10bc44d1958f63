package io.sipcall.sip.gateway;

import io.sipcall.sip.port.Directory;
import java.util.Optional;

/** What the gateway authenticator decided about one request. */
public sealed interface AuthOutcome {

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
