package io.sipcall.sip.registration;

import io.sipcall.config.Transport;
import io.sipcall.config.TrunkConfig;
import io.sipcall.sip.session.SipContext;
import java.text.ParseException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sip.InvalidArgumentException;
import javax.sip.address.Address;
import javax.sip.address.SipURI;
import javax.sip.header.RouteHeader;
import javax.sip.message.Request;

/**
 * Builds one trunk registration's REGISTER requests (RFC 3261 10.2): all with the same Call-ID and
 * From tag, each with the next CSeq.
 *
 * <p>Where they go: the Request-URI is the registrar's domain, {@code sip:host[:port]} with the
 * trunk's transport (10.2: no user part), and it is also the digest-uri. With an outbound proxy the
 * Request-URI stays the same and the proxy goes first as a loose-route {@code Route} ({@code ;lr}):
 * RFC 3261 8.1.2's "pre-existing route set", which JAIN-SIP's router sends to, so the registrar
 * still sees its own domain, the digest-uri stays the registrar's, and no strict-routing rewrite of
 * the Request-URI is needed.
 */
final class RegisterRequests {

    private static final int MAX_FORWARDS = 70;

    private final SipContext ctx;
    private final TrunkConfig trunk;
    private final String callId;
    private final String fromTag = SipContext.token();
    private long cseq;

    RegisterRequests(SipContext ctx, TrunkConfig trunk, String callId) {
        this.ctx = ctx;
        this.trunk = trunk;
        this.callId = callId;
    }

    /**
     * The next REGISTER: CSeq one higher than the last (10.2, and 22.2 for a request resent with
     * credentials).
     *
     * @param expiry      the binding lifetime asked for; zero removes our binding (10.2.2)
     * @param credentials Authorization / Proxy-Authorization values by header name
     */
    Request next(Duration expiry, Map<String, String> credentials) throws ParseException, InvalidArgumentException {
        Address aor = ctx.addresses().createAddress(addressOfRecord());
        Request request = ctx.messages().createRequest(registrar(), Request.REGISTER,
                ctx.headers().createCallIdHeader(callId),
                ctx.headers().createCSeqHeader(++cseq, Request.REGISTER),
                ctx.headers().createFromHeader(aor, fromTag),
                ctx.headers().createToHeader(aor, null),
                List.of(ctx.via(trunk.transport())), ctx.maxForwards(MAX_FORWARDS));
        request.addHeader(ctx.contact(trunk.transport()));
        request.addHeader(ctx.headers().createExpiresHeader((int) Math.min(Integer.MAX_VALUE, expiry.toSeconds())));
        Optional<RouteHeader> route = proxyRoute();
        if (route.isPresent()) {
            request.addHeader(route.get());
        }
        for (Map.Entry<String, String> header : credentials.entrySet()) {
            request.addHeader(ctx.headers().createHeader(header.getKey(), header.getValue()));
        }
        return request;
    }

    /** The digest-uri: the Request-URI exactly as it is sent (RFC 3261 22.4). */
    String digestUri() throws ParseException {
        return registrar().toString();
    }

    /** Our Contact's URI, to find our binding among those a 200 lists. */
    SipURI contactUri() {
        return (SipURI) ctx.contact(trunk.transport()).getAddress().getURI();
    }

    /** Where the requests go first, for logs: the proxy or the registrar, with the transport. */
    String nextHop() {
        String host = trunk.outboundProxy().orElse(trunk.host() + (trunk.port() == 0 ? "" : ":" + trunk.port()));
        return host + " over " + trunk.transport().token();
    }

    /** {@code sip:host[:port][;transport=t]}: the registrar's domain. */
    private SipURI registrar() throws ParseException {
        SipURI uri = ctx.addresses().createSipURI(null, trunk.host());
        if (trunk.port() != 0) {
            uri.setPort(trunk.port());
        }
        setTransport(uri);
        return uri;
    }

    /** {@code sip:username@host}: the address-of-record, in From and To (10.2). */
    private SipURI addressOfRecord() throws ParseException {
        String user = trunk.auth().username();
        return ctx.addresses().createSipURI(user.isBlank() ? null : user, trunk.host());
    }

    private Optional<RouteHeader> proxyRoute() throws ParseException {
        if (trunk.outboundProxy().isEmpty()) {
            return Optional.empty();
        }
        SipURI proxy = (SipURI) ctx.addresses().createURI("sip:" + trunk.outboundProxy().get());
        proxy.setLrParam();
        setTransport(proxy);
        return Optional.of(ctx.headers().createRouteHeader(ctx.addresses().createAddress(proxy)));
    }

    private void setTransport(SipURI uri) throws ParseException {
        if (trunk.transport() != Transport.UDP) {
            uri.setTransportParam(trunk.transport().token());
        }
    }
}
