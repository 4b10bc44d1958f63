package io.sipcall.sip.gateway;

import io.sipcall.sip.port.Directory;
import io.sipcall.sip.port.Registrations;
import io.sipcall.sip.session.SipContext;
import io.sipcall.sip.session.StatelessResponder;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.ListIterator;
import java.util.Optional;
import javax.sip.InvalidArgumentException;
import javax.sip.SipException;
import javax.sip.address.SipURI;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.ExpiresHeader;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registrar for gateway-side users (RFC 3261 10.3): the Janus SIP plugin registers each browser
 * user here with digest credentials, so calls can later be delivered to them. A user may only
 * register their own address; lifetimes are clamped to [{@code minExpires}, {@code maxExpires}]
 * (shorter ones get 423 with Min-Expires); {@code Contact: *} with {@code Expires: 0} removes all.
 * Answers statelessly: a retransmitted REGISTER is simply processed again, with the same result.
 */
public final class Registrar {

    private static final Logger LOG = LoggerFactory.getLogger(Registrar.class);

    private final SipContext ctx;
    private final GatewayAuthenticator authenticator;
    private final Registrations registrations;
    private final StatelessResponder responder;
    private final Clock clock;
    private final Duration minExpires;
    private final Duration maxExpires;

    public Registrar(SipContext ctx, GatewayAuthenticator authenticator, Registrations registrations, Clock clock,
            Duration minExpires, Duration maxExpires) {
        this.ctx = ctx;
        this.authenticator = authenticator;
        this.registrations = registrations;
        this.responder = new StatelessResponder(ctx);
        this.clock = clock;
        this.minExpires = minExpires;
        this.maxExpires = maxExpires;
    }

    /** Handles one REGISTER received from {@code source}. */
    public void register(Request request, String source) {
        AuthOutcome auth = authenticator.authenticate(request, source);
        if (!(auth instanceof AuthOutcome.Authenticated authenticated)) {
            auth.answer(request, responder, Response.UNAUTHORIZED);
            return;
        }
        Optional<Directory.User> user = authenticated.user();
        if (user.isEmpty() || !ownAddress(request, user.get())) {
            responder.respond(request, Response.FORBIDDEN, "Forbidden: not your address");
            return;
        }
        update(request, user.get().id(), source);
    }

    private boolean ownAddress(Request request, Directory.User user) {
        ToHeader to = (ToHeader) request.getHeader(ToHeader.NAME);
        if (!(to.getAddress().getURI() instanceof SipURI aor) || aor.getUser() == null) {
            return false;
        }
        String sipUser = user.config().sip().map(credential -> credential.username()).orElse("");
        return aor.getUser().equals(sipUser) || aor.getUser().equals(user.id());
    }

    private void update(Request request, String userId, String source) {
        Instant now = clock.instant();
        ExpiresHeader expiresHeader = (ExpiresHeader) request.getHeader(ExpiresHeader.NAME);
        long defaultExpires = expiresHeader != null ? expiresHeader.getExpires() : maxExpires.toSeconds();
        List<ContactHeader> contacts = contacts(request);
        if (contacts.stream().anyMatch(ContactHeader::isWildCard)) {
            if (contacts.size() != 1 || defaultExpires != 0) {
                responder.respond(request, Response.BAD_REQUEST, "Bad Request: Contact * needs Expires: 0");
                return;
            }
            registrations.removeAll(userId);
            LOG.info("all contacts of user {} removed", userId);
            answer(request, userId, now);
            return;
        }
        String callId = ((CallIdHeader) request.getHeader(CallIdHeader.NAME)).getCallId();
        long cseq = ((CSeqHeader) request.getHeader(CSeqHeader.NAME)).getSeqNumber();
        for (ContactHeader contact : contacts) {
            long expires = contact.getExpires() >= 0 ? contact.getExpires() : defaultExpires;
            if (expires > 0 && expires < minExpires.toSeconds()) {
                intervalTooBrief(request);
                return;
            }
        }
        for (ContactHeader contact : contacts) {
            long expires = Math.min(contact.getExpires() >= 0 ? contact.getExpires() : defaultExpires,
                    maxExpires.toSeconds());
            String uri = contact.getAddress().getURI().toString();
            if (expires == 0) {
                registrations.remove(userId, uri);
            } else {
                registrations.put(userId, new Registrations.Binding(uri, now.plusSeconds(expires), callId, cseq, source));
            }
        }
        LOG.info("registration of user {} updated: {} contact(s)", userId, registrations.bindings(userId, now).size());
        answer(request, userId, now);
    }

    private static List<ContactHeader> contacts(Request request) {
        List<ContactHeader> contacts = new ArrayList<>();
        ListIterator<?> headers = request.getHeaders(ContactHeader.NAME);
        while (headers.hasNext()) {
            contacts.add((ContactHeader) headers.next());
        }
        return contacts;
    }

    /** 200 OK listing every current contact with its remaining lifetime (RFC 3261 10.3 step 8). */
    private void answer(Request request, String userId, Instant now) {
        try {
            Response ok = ctx.messages().createResponse(Response.OK, request);
            ((ToHeader) ok.getHeader(ToHeader.NAME)).setTag(SipContext.token());
            for (Registrations.Binding binding : registrations.bindings(userId, now)) {
                ContactHeader contact = ctx.headers().createContactHeader(
                        ctx.addresses().createAddress(binding.contact()));
                contact.setExpires((int) Math.max(0, Duration.between(now, binding.expiresAt()).toSeconds()));
                ok.addHeader(contact);
            }
            ctx.provider().sendResponse(ok);
        } catch (ParseException | InvalidArgumentException | SipException | RuntimeException e) {
            LOG.warn("cannot answer REGISTER: {}", e.toString());
        }
    }

    private void intervalTooBrief(Request request) {
        try {
            Response response = ctx.messages().createResponse(Response.INTERVAL_TOO_BRIEF, request);
            response.addHeader(ctx.headers().createMinExpiresHeader((int) minExpires.toSeconds()));
            ctx.provider().sendResponse(response);
        } catch (ParseException | InvalidArgumentException | SipException | RuntimeException e) {
            LOG.warn("cannot answer REGISTER with 423: {}", e.toString());
        }
    }
}
