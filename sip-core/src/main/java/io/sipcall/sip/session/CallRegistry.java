package io.sipcall.sip.session;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

/**
 * Finds the endpoint a message belongs to by its SIP Call-ID. Each call leg has its own Call-ID (the
 * caller's as received, the callee's one we generated), and so does each trunk registration, so one
 * map serves all and nothing is attached to stack objects.
 */
public final class CallRegistry {

    /** An endpoint and the executor it is confined to. */
    public record Entry(Executor executor, SipEndpoint leg) {
    }

    private final ConcurrentHashMap<String, Entry> byCallId = new ConcurrentHashMap<>();

    /** Registers {@code entry} under {@code callId}; false when the Call-ID is already in use. */
    public boolean register(String callId, Entry entry) {
        return byCallId.putIfAbsent(callId, entry) == null;
    }

    public Optional<Entry> find(String callId) {
        return Optional.ofNullable(byCallId.get(callId));
    }

    public boolean contains(String callId) {
        return byCallId.containsKey(callId);
    }

    public void remove(String callId) {
        byCallId.remove(callId);
    }

    /** Number of registered legs. */
    public int size() {
        return byCallId.size();
    }
}
