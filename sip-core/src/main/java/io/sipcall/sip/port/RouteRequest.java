package io.sipcall.sip.port;

import java.util.Objects;

/**
 * The facts a route policy decides on.
 *
 * @param callId    SIPCall's id of the call (for logs)
 * @param caller    the caller's user part from the From header
 * @param dialled   the user part of the Request-URI: what the caller dialled
 * @param sourceHost the address the INVITE came from
 * @param transport  the transport it arrived on ({@code UDP}, {@code TCP} or {@code TLS})
 */
public record RouteRequest(CallId callId, String caller, String dialled, String sourceHost, String transport) {

    public RouteRequest {
        Objects.requireNonNull(callId, "callId");
        caller = caller == null ? "" : caller;
        dialled = dialled == null ? "" : dialled;
    }
}
