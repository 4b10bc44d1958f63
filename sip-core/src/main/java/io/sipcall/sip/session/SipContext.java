package io.sipcall.sip.session;

import io.sipcall.config.Transport;
import io.sipcall.sip.SipCoreException;
import io.sipcall.sip.port.Body;
import java.security.SecureRandom;
import java.text.ParseException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sip.InvalidArgumentException;
import javax.sip.SipProvider;
import javax.sip.address.AddressFactory;
import javax.sip.address.SipURI;
import javax.sip.header.AllowHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.ContentTypeHeader;
import javax.sip.header.HeaderFactory;
import javax.sip.header.MaxForwardsHeader;
import javax.sip.header.RouteHeader;
import javax.sip.header.SupportedHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Message;
import javax.sip.message.MessageFactory;

/**
 * The stack's factories plus this B2BUA's own addresses: everything a leg needs to build messages
 * that show only our side of the call (topology hiding).
 */
public final class SipContext {

    /** Methods we implement, for Allow headers (RFC 3261 20.5). */
    public static final List<String> ALLOWED = List.of("INVITE", "ACK", "CANCEL", "BYE", "OPTIONS", "UPDATE", "INFO",
            "REGISTER");
    /** Extensions we support, for Supported headers (RFC 3261 20.37). */
    public static final String SUPPORTED = "replaces";

    private static final SecureRandom RANDOM = new SecureRandom();

    private final SipProvider provider;
    private final MessageFactory messages;
    private final HeaderFactory headers;
    private final AddressFactory addresses;
    private final String advertisedHost;
    private final Map<Transport, Integer> ports;

    public SipContext(SipProvider provider, MessageFactory messages, HeaderFactory headers,
            AddressFactory addresses, String advertisedHost, Map<Transport, Integer> ports) {
        this.provider = provider;
        this.messages = messages;
        this.headers = headers;
        this.addresses = addresses;
        this.advertisedHost = advertisedHost;
        this.ports = Map.copyOf(ports);
    }

    public SipProvider provider() {
        return provider;
    }

    public MessageFactory messages() {
        return messages;
    }

    public HeaderFactory headers() {
        return headers;
    }

    public AddressFactory addresses() {
        return addresses;
    }

    public String advertisedHost() {
        return advertisedHost;
    }

    /** Whether we listen on {@code transport}. */
    public boolean supports(Transport transport) {
        return ports.containsKey(transport);
    }

    /** Our port for {@code transport}. */
    public int port(Transport transport) {
        Integer port = ports.get(transport);
        if (port == null) {
            throw new SipCoreException("no " + transport.token() + " listener is enabled");
        }
        return port;
    }

    /** A fresh random token (tags, Call-IDs): 64 bits of hex. */
    public static String token() {
        byte[] bytes = new byte[8];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** Our Via for a request leaving on {@code transport}; the stack fills in the branch. */
    public ViaHeader via(Transport transport) {
        try {
            ViaHeader via = headers.createViaHeader(advertisedHost, port(transport), transport.sipName(), null);
            via.setRPort();
            return via;
        } catch (ParseException | InvalidArgumentException e) {
            throw new SipCoreException("cannot build Via for " + advertisedHost, e);
        }
    }

    /** Our Contact on {@code transport}. The user part is fixed, so nothing of a call leaks into it. */
    public ContactHeader contact(Transport transport) {
        try {
            SipURI uri = addresses.createSipURI("sipcall", advertisedHost);
            uri.setPort(port(transport));
            if (transport != Transport.UDP) {
                uri.setTransportParam(transport.token());
            }
            return headers.createContactHeader(addresses.createAddress(uri));
        } catch (ParseException e) {
            throw new SipCoreException("cannot build Contact for " + advertisedHost, e);
        }
    }

    /**
     * A loose Route header (RFC 3261 16.12) to {@code hostPort} ({@code host} or {@code host:port}):
     * the request is sent there whatever its Request-URI says (outbound proxy, or the exact address
     * that challenged us).
     */
    public RouteHeader route(String hostPort, Transport transport) {
        try {
            String host = hostPort;
            String port = null;
            int close = hostPort.indexOf(']');
            int colon = hostPort.lastIndexOf(':');
            if (hostPort.startsWith("[") && close > 0 && colon == close + 1) {
                host = hostPort.substring(0, close + 1); // [IPv6]:port
                port = hostPort.substring(colon + 1);
            } else if (!hostPort.startsWith("[") && colon > 0 && hostPort.indexOf(':') == colon) {
                host = hostPort.substring(0, colon); // host:port (a bare IPv6 address has several colons)
                port = hostPort.substring(colon + 1);
            }
            SipURI uri = addresses.createSipURI(null, host);
            if (port != null) {
                uri.setPort(Integer.parseInt(port));
            }
            uri.setLrParam();
            if (transport != Transport.UDP) {
                uri.setTransportParam(transport.token());
            }
            return headers.createRouteHeader(addresses.createAddress(uri));
        } catch (ParseException | NumberFormatException e) {
            throw new SipCoreException("bad route " + hostPort, e);
        }
    }

    public MaxForwardsHeader maxForwards(int value) {
        try {
            return headers.createMaxForwardsHeader(Math.max(0, Math.min(70, value)));
        } catch (InvalidArgumentException e) {
            throw new SipCoreException("bad Max-Forwards " + value, e);
        }
    }

    /** Adds our Allow and Supported headers (answers to OPTIONS, 405, 501, and our INVITEs). */
    public void addCapabilities(Message message) {
        try {
            for (String method : ALLOWED) {
                AllowHeader allow = headers.createAllowHeader(method);
                message.addHeader(allow);
            }
            SupportedHeader supported = headers.createSupportedHeader(SUPPORTED);
            message.addHeader(supported);
        } catch (ParseException e) {
            throw new SipCoreException("cannot build Allow/Supported", e);
        }
    }

    /** Sets {@code body} (or none) on {@code message}, with its Content-Type. */
    public void setBody(Message message, Optional<Body> body) {
        try {
            if (body.isEmpty()) {
                message.removeContent();
                message.removeHeader(ContentTypeHeader.NAME);
                return;
            }
            String[] type = body.get().contentType().split("/", 2);
            ContentTypeHeader contentType = headers.createContentTypeHeader(type[0].trim(),
                    type.length > 1 ? type[1].trim() : "octet-stream");
            message.setContent(body.get().content(), contentType);
        } catch (ParseException e) {
            throw new SipCoreException("cannot attach body of type " + body.get().contentType(), e);
        }
    }

    /** The body of {@code message}, if it has one. */
    public static Optional<Body> bodyOf(Message message) {
        byte[] raw = message.getRawContent();
        if (raw == null || raw.length == 0) {
            return Optional.empty();
        }
        ContentTypeHeader type = (ContentTypeHeader) message.getHeader(ContentTypeHeader.NAME);
        String contentType = type == null ? "application/octet-stream"
                : type.getContentType() + "/" + type.getContentSubType();
        return Optional.of(new Body(contentType, raw));
    }

    /** The address a request came from (an IP literal), or empty when the stack does not say. */
    public static String sourceOf(javax.sip.RequestEvent event) {
        return event instanceof gov.nist.javax.sip.RequestEventExt ext ? ext.getRemoteIpAddress() : "";
    }

    /** The Max-Forwards of a request; absent counts as 70 (RFC 3261 8.1.1.6). */
    public static int maxForwardsOf(Message request) {
        MaxForwardsHeader header = (MaxForwardsHeader) request.getHeader(MaxForwardsHeader.NAME);
        return header == null ? 70 : header.getMaxForwards();
    }
}
