package io.sipcall.sip.session;

import io.sipcall.config.Transport;
import io.sipcall.sip.call.CallerLeg;
import io.sipcall.sip.call.Side;
import io.sipcall.sip.port.Body;
import java.text.ParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Executor;
import gov.nist.javax.sip.DialogTimeoutEvent;
import javax.sip.InvalidArgumentException;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.address.SipURI;
import javax.sip.address.URI;
import javax.sip.header.CSeqHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.ToHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The caller's leg: a server INVITE session (UAS role, RFC 3261 13.3). It answers the caller's INVITE
 * with what the call relays, always under one To tag of ours, and holds a BYE back until the caller has
 * acknowledged our 2xx (RFC 3261 15).
 */
public final class ServerInviteSession extends DialogLeg implements CallerLeg {

    private static final Logger LOG = LoggerFactory.getLogger(ServerInviteSession.class);

    private final ServerTransaction inviteTransaction;
    private final Request invite;
    private final long inviteCSeq;
    private final String localTag = SipContext.token();
    private boolean finalSent;
    private boolean answered;
    private boolean acknowledged;
    private boolean ackTimedOut;
    private boolean byeAfterAck;

    /** Created on the SIP thread that received the INVITE, before the call's first task. */
    public ServerInviteSession(SipContext ctx, Executor callExecutor, ServerTransaction inviteTransaction,
            Request invite) throws SipException {
        super(ctx, callExecutor, Side.CALLER);
        this.inviteTransaction = inviteTransaction;
        this.invite = invite;
        this.inviteCSeq = ((CSeqHeader) invite.getHeader(CSeqHeader.NAME)).getSeqNumber();
        ViaHeader via = (ViaHeader) invite.getHeader(ViaHeader.NAME);
        this.transport = Transport.valueOf(via.getTransport().toUpperCase(Locale.ROOT));
        this.dialog = ctx.provider().getNewDialog(inviteTransaction);
    }

    /** Sends 100 Trying at once, before any routing (RFC 3261 8.2.6.1). */
    public void sendTrying() {
        try {
            inviteTransaction.sendResponse(ctx.messages().createResponse(Response.TRYING, invite));
        } catch (ParseException | SipException | InvalidArgumentException e) {
            LOG.warn("cannot send 100 Trying: {}", e.toString());
        }
    }

    /** The transport the caller's INVITE came over ({@code UDP}, {@code TCP}, {@code TLS}). */
    public String transportName() {
        return transport.sipName();
    }

    // ---- CallerLeg ---------------------------------------------------------------------------

    @Override
    public Optional<Body> offer() {
        return SipContext.bodyOf(invite);
    }

    @Override
    public String dialled() {
        return userOf(invite.getRequestURI());
    }

    @Override
    public String caller() {
        return userOf(((FromHeader) invite.getHeader(FromHeader.NAME)).getAddress().getURI());
    }

    @Override
    public int maxForwards() {
        return SipContext.maxForwardsOf(invite);
    }

    @Override
    public void provisional(int status, String reason, Optional<Body> body) {
        if (!finalSent) {
            sendInviteResponse(status, reason, body);
        }
    }

    @Override
    public void answer(Optional<Body> body) {
        if (!finalSent) {
            finalSent = true;
            answered = true;
            sendInviteResponse(Response.OK, "OK", body);
        }
    }

    @Override
    public void reject(int status, String reason) {
        if (!finalSent) {
            finalSent = true;
            sendInviteResponse(status, reason, Optional.empty());
        }
    }

    @Override
    public void hangUp() {
        if (!answered) {
            return;
        }
        if (!acknowledged && !ackTimedOut) {
            byeAfterAck = true;
            return;
        }
        super.hangUp();
    }

    // ---- stack events ------------------------------------------------------------------------

    @Override
    public void onCancel(ServerTransaction transaction, Request cancel) {
        // RFC 3261 9.2: the CANCEL matched our INVITE transaction, so it gets 200 whatever its effect.
        respond(transaction, cancel, 200, "OK", Optional.empty());
        if (!finalSent) {
            events.onCallerCancel();
        }
    }

    @Override
    public void onAck(Request ack) {
        if (((CSeqHeader) ack.getHeader(CSeqHeader.NAME)).getSeqNumber() != inviteCSeq) {
            super.onAck(ack);
            return;
        }
        if (acknowledged || !answered) {
            return;
        }
        acknowledged = true;
        events.onCallerAck(SipContext.bodyOf(ack));
        if (byeAfterAck) {
            super.hangUp();
        }
    }

    @Override
    public void onRequest(ServerTransaction transaction, Request request) {
        if (Request.BYE.equals(request.getMethod()) && !finalSent) {
            // RFC 3261 15.1.2: a BYE on an early dialog; the INVITE still gets its final response.
            respond(transaction, request, 200, "OK", Optional.empty());
            reject(Response.REQUEST_TERMINATED, "Request Terminated");
            events.onBye(side);
            return;
        }
        super.onRequest(transaction, request);
    }

    @Override
    public void onDialogTimeout(DialogTimeoutEvent.Reason reason) {
        if (reason == DialogTimeoutEvent.Reason.AckNotReceived && answered && !acknowledged) {
            ackTimedOut = true;
            events.onCallerAckTimeout();
            if (byeAfterAck) {
                super.hangUp();
            }
        }
    }

    // ---- helpers -----------------------------------------------------------------------------

    private void sendInviteResponse(int status, String reason, Optional<Body> body) {
        try {
            Response response = ctx.messages().createResponse(status, invite);
            response.setReasonPhrase(safeReason(reason, status));
            ((ToHeader) response.getHeader(ToHeader.NAME)).setTag(localTag);
            if (status < 300) {
                response.setHeader(ctx.contact(transport));
            }
            if (status == Response.OK) {
                ctx.addCapabilities(response);
            }
            ctx.setBody(response, body);
            inviteTransaction.sendResponse(response);
        } catch (ParseException | SipException | InvalidArgumentException | RuntimeException e) {
            LOG.warn("cannot send {} to the caller: {}", status, e.toString());
        }
    }

    private static String userOf(URI uri) {
        if (uri instanceof SipURI sip && sip.getUser() != null) {
            return sip.getUser();
        }
        return "";
    }
}
