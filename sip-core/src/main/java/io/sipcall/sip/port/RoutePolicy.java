package io.sipcall.sip.port;

/**
 * Decides where a call goes: the extension point telephony engineers implement in Java.
 *
 * <p>Called once per call on the call's executor; it must be fast and must not block (keep lookups
 * in memory). Throwing is treated as a 500 to the caller.
 */
@FunctionalInterface
public interface RoutePolicy {

    RouteDecision route(RouteRequest request);
}
