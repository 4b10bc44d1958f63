package io.sipcall.sip.port;

/**
 * Semantic call lifecycle events leaving the B2BUA, for call records, metrics and the API.
 * Each call produces {@code onStarted}, then any of {@code onRouted}, {@code onRinging} and
 * {@code onAnswered}, then exactly one {@code onEnding} and one {@code onEnded}; {@code onFailed}
 * precedes them for calls that never connected.
 *
 * <p>Called on the call's executor; implementations must not block (queue, don't write).
 */
public interface CallEventSink {

    /** A new call arrived from the caller side. */
    default void onStarted(CallId callId, CallStart start) {
    }

    /** An INVITE is about to leave for {@code target} (once per attempt: failover tries the next). */
    default void onRouted(CallId callId, RouteDecision.Target target) {
    }

    /** The callee is alerting (180) or sent early media (183). */
    default void onRinging(CallId callId, int status, boolean earlyMedia) {
    }

    /** The callee answered. */
    default void onAnswered(CallId callId) {
    }

    /** The call failed before it was answered; {@code status} is what the caller was sent. */
    default void onFailed(CallId callId, int status, String reason) {
    }

    /**
     * The call's end is decided (a hangup, a rejection, a timeout): its legs are being torn down now.
     * Talk time and billing stop here, however long the teardown then takes (a far end that never
     * answers our BYE keeps a leg up to 32 s). Precedes {@code onEnded}, once per call.
     */
    default void onEnding(CallId callId, EndReason reason) {
    }

    /** The call is over; both legs are torn down. */
    default void onEnded(CallId callId, EndReason reason) {
    }

    /** A sink that ignores everything. */
    CallEventSink NONE = new CallEventSink() {
    };

    /** One sink that tells every one of {@code sinks}, in order. */
    static CallEventSink all(CallEventSink... sinks) {
        java.util.List<CallEventSink> list = java.util.List.of(sinks);
        return new CallEventSink() {
            @Override
            public void onStarted(CallId callId, CallStart start) {
                list.forEach(s -> s.onStarted(callId, start));
            }

            @Override
            public void onRouted(CallId callId, RouteDecision.Target target) {
                list.forEach(s -> s.onRouted(callId, target));
            }

            @Override
            public void onRinging(CallId callId, int status, boolean earlyMedia) {
                list.forEach(s -> s.onRinging(callId, status, earlyMedia));
            }

            @Override
            public void onAnswered(CallId callId) {
                list.forEach(s -> s.onAnswered(callId));
            }

            @Override
            public void onFailed(CallId callId, int status, String reason) {
                list.forEach(s -> s.onFailed(callId, status, reason));
            }

            @Override
            public void onEnding(CallId callId, EndReason reason) {
                list.forEach(s -> s.onEnding(callId, reason));
            }

            @Override
            public void onEnded(CallId callId, EndReason reason) {
                list.forEach(s -> s.onEnded(callId, reason));
            }
        };
    }

    /**
     * What is known of a call when it arrives.
     *
     * @param caller  the caller's user part (From), as received
     * @param dialled the dialled user part (Request-URI), as received
     * @param transport the transport it arrived on ({@code UDP}, {@code TCP}, {@code TLS})
     * @param userId  the authenticated user placing the call, if any
     */
    record CallStart(String caller, String dialled, String transport, java.util.Optional<String> userId) {
    }
}
