package io.sipcall.sip.session;

import io.sipcall.config.Transport;
import io.sipcall.sip.call.CalleeLeg;
import io.sipcall.sip.call.Side;
import io.sipcall.config.TrunkConfig;
import io.sipcall.sip.port.Body;
import io.sipcall.sip.port.Directory;
import io.sipcall.sip.port.RouteDecision;
import java.text.ParseException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import javax.sip.ClientTransaction;
import javax.sip.InvalidArgumentException;
import javax.sip.ResponseEvent;
import javax.sip.SipException;
import javax.sip.TimeoutEvent;
import javax.sip.address.Address;
import javax.sip.address.SipURI;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The trunk's leg: a client INVITE session (UAC role, RFC 3261 13.2). Its INVITE is built from scratch,
 * with a Call-ID, tag, Via and Contact of ours, so nothing of the caller's side reaches the trunk.
 */
public final class ClientInviteSession extends DialogLeg implements CalleeLeg {

    private static final Logger LOG = LoggerFactory.getLogger(ClientInviteSession.class);
    private static final long INVITE_CSEQ = 1;

    private final String callId;
    private ClientTransaction inviteTransaction;
    private Request ack;
    private boolean provisionalSeen;
    private boolean finalSeen;
    private boolean cancelPending;
    private boolean cancelSent;

    private final Directory directory;

    /** {@code callId} is this leg's own SIP Call-ID, already registered with the dispatcher. */
    public ClientInviteSession(SipContext ctx, Executor callExecutor, String callId, Directory directory) {
        super(ctx, callExecutor, Side.CALLEE);
        this.callId = callId;
        this.directory = directory;
    }

    @Override
    public void invite(RouteDecision.Target target, String fromUser, Optional<Body> body, int maxForwards) {
        try {
            transport = target.transport();
            Request request = buildInvite(target, fromUser, body, maxForwards);
            inviteTransaction = ctx.provider().getNewClientTransaction(request);
            dialog = ctx.provider().getNewDialog(inviteTransaction);
            inviteTransaction.sendRequest();
        } catch (SipException | ParseException | InvalidArgumentException | RuntimeException e) {
            LOG.warn("cannot send INVITE to trunk {}: {}", target.trunk(), e.toString());
            finalSeen = true;
            callExecutor.execute(() -> events.onCalleeUnreachable(true));
        }
    }

    private Request buildInvite(RouteDecision.Target target, String caller, Optional<Body> body, int maxForwards)
            throws ParseException, InvalidArgumentException {
        SipURI requestUri = ctx.addresses().createSipURI(target.number(), target.host());
        requestUri.setPort(target.port());
        if (target.transport() != Transport.UDP) {
            requestUri.setTransportParam(target.transport().token());
        }
        SipURI fromUri = ctx.addresses().createSipURI(caller.isBlank() ? "anonymous" : caller, ctx.advertisedHost());
        Address from = ctx.addresses().createAddress(fromUri);
        Address to = ctx.addresses().createAddress(ctx.addresses().createSipURI(target.number(), target.host()));
        FromHeader fromHeader = ctx.headers().createFromHeader(from, SipContext.token());
        ToHeader toHeader = ctx.headers().createToHeader(to, null);
        CallIdHeader callIdHeader = ctx.headers().createCallIdHeader(callId);
        CSeqHeader cseq = ctx.headers().createCSeqHeader(INVITE_CSEQ, Request.INVITE);
        Request request = ctx.messages().createRequest(requestUri, Request.INVITE, callIdHeader, cseq,
                fromHeader, toHeader, List.of(ctx.via(target.transport())), ctx.maxForwards(maxForwards));
        request.addHeader(ctx.contact(target.transport()));
        if (target.callerId().isPresent()) {
            // RFC 3325: the identity we vouch for; trunks (Telnyx) read the caller ID from it.
            request.addHeader(ctx.headers().createHeader("P-Asserted-Identity",
                    "<" + ctx.addresses().createSipURI(target.callerId().get(), ctx.advertisedHost()) + ">"));
        }
        Optional<TrunkConfig> trunk = directory.trunk(target.trunk());
        if (trunk.isPresent() && trunk.get().outboundProxy().isPresent()) {
            request.addHeader(ctx.route(trunk.get().outboundProxy().get(), target.transport()));
        }
        ctx.addCapabilities(request);
        ctx.setBody(request, body);
        return request;
    }

    @Override
    public void cancel() {
        if (finalSeen || inviteTransaction == null) {
            return;
        }
        if (provisionalSeen) {
            sendCancel();
        } else {
            // RFC 3261 9.1: no CANCEL before a provisional response; send it when one arrives.
            cancelPending = true;
        }
    }

    @Override
    public void abandon() {
        if (finalSeen || inviteTransaction == null) {
            return;
        }
        finalSeen = true;
        try {
            inviteTransaction.terminate();
        } catch (javax.sip.ObjectInUseException e) {
            LOG.warn("cannot stop the unanswered INVITE: {}", e.toString());
        }
        if (dialog != null) {
            dialog.delete();
        }
    }

    @Override
    public void ack(Optional<Body> body) {
        if (ack != null || dialog == null) {
            return;
        }
        try {
            Request request = dialog.createAck(INVITE_CSEQ);
            ctx.setBody(request, body);
            dialog.sendAck(request);
            ack = request;
        } catch (SipException | InvalidArgumentException | RuntimeException e) {
            LOG.warn("cannot acknowledge the callee's answer: {}", e.toString());
        }
    }

    @Override
    public void onResponse(ResponseEvent event) {
        Response response = event.getResponse();
        CSeqHeader cseq = (CSeqHeader) response.getHeader(CSeqHeader.NAME);
        if (Request.CANCEL.equals(cseq.getMethod())) {
            return;
        }
        if (!Request.INVITE.equals(cseq.getMethod()) || cseq.getSeqNumber() != INVITE_CSEQ) {
            super.onResponse(event);
            return;
        }
        int status = response.getStatusCode();
        if (status == Response.TRYING) {
            events.onCalleeTrying();
        } else if (status < 200) {
            onProvisional(response);
        } else if (status < 300) {
            onSuccess(response);
        } else if (!finalSeen) {
            finalSeen = true;
            events.onCalleeRejected(status, response.getReasonPhrase());
        }
    }

    private void onProvisional(Response response) {
        if (finalSeen) {
            return;
        }
        provisionalSeen = true;
        if (cancelPending) {
            sendCancel();
            return;
        }
        events.onCalleeProvisional(response.getStatusCode(), response.getReasonPhrase(), SipContext.bodyOf(response));
    }

    private void onSuccess(Response response) {
        if (!finalSeen) {
            finalSeen = true;
            events.onCalleeAnswered(SipContext.bodyOf(response));
        } else if (ack != null) {
            // A retransmitted 2xx whose ACK got lost: acknowledge it again (RFC 3261 13.2.2.4).
            try {
                dialog.sendAck(ack);
            } catch (SipException e) {
                LOG.warn("cannot re-acknowledge the callee's answer: {}", e.toString());
            }
        }
    }

    private void sendCancel() {
        if (cancelSent) {
            return;
        }
        cancelSent = true;
        cancelPending = false;
        try {
            ClientTransaction cancel = ctx.provider().getNewClientTransaction(inviteTransaction.createCancel());
            cancel.sendRequest();
        } catch (SipException | RuntimeException e) {
            LOG.warn("cannot cancel the callee: {}", e.toString());
        }
    }

    @Override
    public void onTimeout(TimeoutEvent event) {
        if (!event.isServerTransaction() && event.getClientTransaction() == inviteTransaction) {
            if (!finalSeen) {
                finalSeen = true;
                events.onCalleeUnreachable(false);
            }
            return;
        }
        super.onTimeout(event);
    }
}
