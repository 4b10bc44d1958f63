package io.sipcall.sip.registration;

import java.time.Instant;

/**
 * What a trunk registration reports as it goes. Called on the registration's executor: implementations
 * must return quickly and never block. Every method defaults to doing nothing.
 */
public interface RegistrationHandler {

    /** Reports nothing. */
    RegistrationHandler NONE = new RegistrationHandler() {
    };

    /** The registrar accepted our binding (a first registration or a refresh) until {@code until}. */
    default void onRegistered(String trunk, Instant until) {
    }

    /** An attempt failed; the next one is due at {@code nextAttempt}. */
    default void onFailure(String trunk, String error, Instant nextAttempt) {
    }

    /** The registration ended: its binding was removed, or removal was given up at shutdown. */
    default void onUnregistered(String trunk) {
    }
}
