package io.sipcall.sip.registration;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A snapshot of one trunk's registration, for the API and metrics.
 *
 * @param trunk           the trunk's name
 * @param state           where the registration is
 * @param lastError       why the last attempt failed (status line, timeout, transport error), until
 *                        an attempt succeeds
 * @param registeredUntil when the binding the registrar last granted runs out
 * @param nextAttempt     when the next REGISTER is due (refresh or retry)
 */
public record RegistrationStatus(String trunk, TrunkRegistration.State state, Optional<String> lastError,
                                 Optional<Instant> registeredUntil, Optional<Instant> nextAttempt) {

    public RegistrationStatus {
        Objects.requireNonNull(trunk, "trunk");
        Objects.requireNonNull(state, "state");
        lastError = lastError == null ? Optional.empty() : lastError;
        registeredUntil = registeredUntil == null ? Optional.empty() : registeredUntil;
        nextAttempt = nextAttempt == null ? Optional.empty() : nextAttempt;
    }
}
