package io.sipcall.sip.port;

import java.util.Objects;
import java.util.Optional;

/**
 * The facts a route policy decides on.
 *
 * @param callId     SIPCall's id of the call (for logs)
 * @param caller     the caller's user part from the From header
 * @param dialled    the user part of the Request-URI: what the caller dialled, as dialled
 * @param sourceHost the address the INVITE came from
 * @param transport  the transport it arrived on ({@code UDP}, {@code TCP} or {@code TLS})
 * @param user       the authenticated user placing the call; empty only when gateway authentication
 *                   is not required (a trusted peer asserting no known user)
 */
public record RouteRequest(CallId callId, String caller, String dialled, String sourceHost, String transport,
        Optional<Directory.User> user) {

    public RouteRequest {
        Objects.requireNonNull(callId, "callId");
        caller = caller == null ? "" : caller;
        dialled = dialled == null ? "" : dialled;
        user = user == null ? Optional.empty() : user;
    }

    /** A request with no authenticated user. */
    public RouteRequest(CallId callId, String caller, String dialled, String sourceHost, String transport) {
        this(callId, caller, dialled, sourceHost, transport, Optional.empty());
    }
}
