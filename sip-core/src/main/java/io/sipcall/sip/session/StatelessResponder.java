package io.sipcall.sip.session;

import java.text.ParseException;
import java.util.Set;
import java.util.function.Consumer;
import javax.sip.SipException;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers requests that need no transaction state of ours: OPTIONS keep-alives, methods we do not
 * offer, requests for dialogs we do not know, and INVITEs refused before a call exists
 * (RFC 3261 8.2.7 stateless UAS behaviour).
 */
public final class StatelessResponder {

    private static final Logger LOG = LoggerFactory.getLogger(StatelessResponder.class);
    /** Methods of RFC 3261 and its common extensions: these get 405, anything else 501 (RFC 3261 8.2.1). */
    private static final Set<String> KNOWN = Set.of("INVITE", "ACK", "CANCEL", "BYE", "OPTIONS", "REGISTER",
            "PRACK", "SUBSCRIBE", "NOTIFY", "PUBLISH", "INFO", "REFER", "MESSAGE", "UPDATE");

    private final SipContext ctx;

    public StatelessResponder(SipContext ctx) {
        this.ctx = ctx;
    }

    /** Whether {@code method} is a SIP method we recognise (implemented or not). */
    public static boolean isKnown(String method) {
        return KNOWN.contains(method);
    }

    /** 200 OK with Allow and Supported: the answer to an OPTIONS keep-alive (RFC 3261 11.2). */
    public void options(Request request) {
        respond(request, Response.OK, "OK", ctx::addCapabilities);
    }

    /** 405 or 501 with Allow, for a method we do not serve here. */
    public void notAllowed(Request request) {
        if (isKnown(request.getMethod())) {
            respond(request, Response.METHOD_NOT_ALLOWED, "Method Not Allowed", ctx::addCapabilities);
        } else {
            respond(request, Response.NOT_IMPLEMENTED, "Not Implemented", ctx::addCapabilities);
        }
    }

    /**
     * A 401 or 407 carrying {@code challenges} as WWW-Authenticate or Proxy-Authenticate headers
     * (RFC 3261 22.1, 22.3).
     */
    public void challenge(Request request, int status, java.util.List<String> challenges) {
        String header = status == Response.UNAUTHORIZED ? "WWW-Authenticate" : "Proxy-Authenticate";
        respond(request, status, status == Response.UNAUTHORIZED ? "Unauthorized" : "Proxy Authentication Required",
                response -> {
                    for (String challenge : challenges) {
                        try {
                            response.addHeader(ctx.headers().createHeader(header, challenge));
                        } catch (ParseException e) {
                            throw new IllegalStateException("bad challenge " + challenge, e);
                        }
                    }
                });
    }

    /** A final response with nothing added. */
    public void respond(Request request, int status, String reason) {
        respond(request, status, reason, response -> { });
    }

    private void respond(Request request, int status, String reason, Consumer<Response> decorate) {
        if (Request.ACK.equals(request.getMethod())) {
            return;
        }
        try {
            Response response = ctx.messages().createResponse(status, request);
            response.setReasonPhrase(reason);
            ToHeader to = (ToHeader) response.getHeader(ToHeader.NAME);
            if (to != null && to.getTag() == null) {
                to.setTag(SipContext.token()); // RFC 3261 8.2.6.2
            }
            decorate.accept(response);
            ctx.provider().sendResponse(response);
        } catch (ParseException | SipException | RuntimeException e) {
            LOG.warn("cannot answer {} with {}: {}", request.getMethod(), status, e.toString());
        }
    }
}
