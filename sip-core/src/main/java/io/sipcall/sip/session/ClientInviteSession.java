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
import gov.nist.javax.sip.ResponseEventExt;
import javax.sip.header.AuthorizationHeader;
import javax.sip.header.ProxyAuthorizationHeader;
import javax.sip.header.RouteHeader;
import javax.sip.header.ViaHeader;
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

    private final String callId;
    private ClientTransaction inviteTransaction;
    private Request invite;
    private long inviteCSeq = 1;
    private RouteDecision.Target target;
    private final TrunkChallenges challenges = new TrunkChallenges();
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
            this.target = target;
            Request request = buildInvite(target, fromUser, body, maxForwards);
            invite = request;
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
        CSeqHeader cseq = ctx.headers().createCSeqHeader(inviteCSeq, Request.INVITE);
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
            Request request = dialog.createAck(inviteCSeq);
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
        if (!Request.INVITE.equals(cseq.getMethod()) || cseq.getSeqNumber() != inviteCSeq) {
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
            if ((status == Response.UNAUTHORIZED || status == Response.PROXY_AUTHENTICATION_REQUIRED)
                    && !cancelPending && !cancelSent && retryWithCredentials(event)) {
                return;
            }
            finalSeen = true;
            events.onCalleeRejected(status, response.getReasonPhrase());
        }
    }

    /**
     * Answers the trunk's digest challenge once (RFC 3261 22.2, 8.1.3.5): the same INVITE with CSeq+1,
     * a new branch and our credentials, sent to the very address that challenged (a loose Route to
     * it, unless an outbound proxy already routes the request), in a new transaction and dialog.
     * A second challenge for the same request ends the attempt, except a stale nonce, answered once
     * more. False when there is nothing to answer with: the challenge then counts as the failure.
     */
    private boolean retryWithCredentials(ResponseEvent event) {
        Optional<TrunkConfig> trunk = directory.trunk(target.trunk());
        Optional<String> authorization = trunk.flatMap(t -> challenges.answer(t, event.getResponse(), invite));
        if (authorization.isEmpty()) {
            LOG.warn("trunk {} refused our credentials or asked for ones we do not have", target.trunk());
            return false;
        }
        try {
            Request retry = (Request) invite.clone();
            retry.removeHeader(ViaHeader.NAME);
            retry.addHeader(ctx.via(transport));
            inviteCSeq++;
            ((CSeqHeader) retry.getHeader(CSeqHeader.NAME)).setSeqNumber(inviteCSeq);
            retry.removeHeader(AuthorizationHeader.NAME);
            retry.removeHeader(ProxyAuthorizationHeader.NAME);
            String name = event.getResponse().getStatusCode() == Response.UNAUTHORIZED
                    ? AuthorizationHeader.NAME : ProxyAuthorizationHeader.NAME;
            retry.addHeader(ctx.headers().createHeader(name, authorization.get()));
            if (retry.getHeader(RouteHeader.NAME) == null && event instanceof ResponseEventExt ext
                    && ext.getRemoteIpAddress() != null) {
                retry.addHeader(ctx.route(hostPort(ext.getRemoteIpAddress(), ext.getRemotePort()), transport));
            }
            if (dialog != null) {
                dialog.delete();
            }
            invite = retry;
            inviteTransaction = ctx.provider().getNewClientTransaction(retry);
            dialog = ctx.provider().getNewDialog(inviteTransaction);
            inviteTransaction.sendRequest();
            LOG.info("answered the trunk's digest challenge");
            return true;
        } catch (SipException | ParseException | InvalidArgumentException | RuntimeException e) {
            LOG.warn("cannot answer the trunk's challenge: {}", e.toString());
            return false;
        }
    }

    private static String hostPort(String ip, int port) {
        return (ip.contains(":") ? "[" + ip + "]" : ip) + ":" + port;
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
