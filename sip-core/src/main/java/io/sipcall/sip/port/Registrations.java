package io.sipcall.sip.port;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Where gateway-side users are registered: their contacts and until when (RFC 3261 10.3). In memory
 * by default; the persistence change keeps them in PostgreSQL so they survive a restart.
 */
public interface Registrations {

    /** Adds or refreshes {@code binding} for {@code userId} (keyed by its contact). */
    void put(String userId, Binding binding);

    /** Removes one contact of {@code userId}. */
    void remove(String userId, String contact);

    /** Removes every contact of {@code userId}. */
    void removeAll(String userId);

    /** The contacts of {@code userId} still valid at {@code now}. */
    List<Binding> bindings(String userId, Instant now);

    /**
     * One registered contact.
     *
     * @param contact   the Contact URI, as registered
     * @param expiresAt when it lapses unless refreshed
     * @param callId    the Call-ID of the registering UA (RFC 3261 10.3 step 7)
     * @param cseq      the CSeq of the REGISTER that set it
     * @param source    the address it came from
     */
    record Binding(String contact, Instant expiresAt, String callId, long cseq, String source) {
        public Binding {
            Objects.requireNonNull(contact, "contact");
            Objects.requireNonNull(expiresAt, "expiresAt");
        }
    }
}
