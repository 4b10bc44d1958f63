package io.sipcall.sip.session;

import io.sipcall.config.Transport;
import io.sipcall.sip.call.Leg;
import io.sipcall.sip.call.LegEvents;
import io.sipcall.sip.call.PendingRequest;
import io.sipcall.sip.call.Side;
import io.sipcall.sip.port.Body;
import java.text.ParseException;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import gov.nist.javax.sip.DialogTimeoutEvent;
import javax.sip.InvalidArgumentException;
import javax.sip.ResponseEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.TimeoutEvent;
import javax.sip.header.CSeqHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What both session roles share once a dialog exists: relaying in-dialog requests, answering them,
 * acknowledging re-INVITEs, and hanging up with BYE.
 *
 * <p>Commands never call back into {@link LegEvents} on the same stack: failures are reported through
 * the call's executor, so the call never sees an event in the middle of one of its own commands.
 */
public abstract class DialogLeg implements Leg, SipEndpoint {

    private static final Logger LOG = LoggerFactory.getLogger(DialogLeg.class);

    protected final SipContext ctx;
    protected final Executor callExecutor;
    protected final Side side;
    protected LegEvents events;
    protected Dialog dialog;
    protected Transport transport;

    private final Map<ClientTransaction, ResponseHandler> relays = new IdentityHashMap<>();
    private ClientTransaction byeTransaction;
    private long reinviteCSeq = -1;
    private boolean hungUp;

    protected DialogLeg(SipContext ctx, Executor callExecutor, Side side) {
        this.ctx = ctx;
        this.callExecutor = callExecutor;
        this.side = side;
    }

    /** Connects the leg to its call; done once, before the first event. */
    public void bind(LegEvents events) {
        this.events = events;
    }

    // ---- commands ----------------------------------------------------------------------------

    @Override
    public void send(String method, Optional<Body> body, int maxForwards, ResponseHandler handler) {
        try {
            Request request = dialog.createRequest(method);
            request.setHeader(ctx.maxForwards(maxForwards));
            request.setHeader(ctx.contact(transport));
            ctx.setBody(request, body);
            ClientTransaction transaction = ctx.provider().getNewClientTransaction(request);
            relays.put(transaction, handler);
            dialog.sendRequest(transaction);
            if (Request.INVITE.equals(method)) {
                reinviteCSeq = ((CSeqHeader) request.getHeader(CSeqHeader.NAME)).getSeqNumber();
            }
        } catch (SipException | RuntimeException e) {
            LOG.warn("cannot relay {} to the {}: {}", method, side.name().toLowerCase(), e.toString());
            callExecutor.execute(() -> handler.onResponse(500, "Relay Failed", Optional.empty()));
        }
    }

    @Override
    public void ackReinvite(Optional<Body> body) {
        if (reinviteCSeq < 0) {
            return;
        }
        try {
            Request ack = dialog.createAck(reinviteCSeq);
            ctx.setBody(ack, body);
            dialog.sendAck(ack);
        } catch (SipException | InvalidArgumentException | RuntimeException e) {
            LOG.warn("cannot acknowledge re-INVITE towards the {}: {}", side.name().toLowerCase(), e.toString());
        }
        reinviteCSeq = -1;
    }

    @Override
    public void hangUp() {
        if (hungUp || dialog == null) {
            return;
        }
        hungUp = true;
        try {
            Request bye = dialog.createRequest(Request.BYE);
            ClientTransaction transaction = ctx.provider().getNewClientTransaction(bye);
            byeTransaction = transaction;
            dialog.sendRequest(transaction);
        } catch (SipException | RuntimeException e) {
            LOG.warn("cannot send BYE to the {}: {}", side.name().toLowerCase(), e.toString());
            callExecutor.execute(() -> events.onLegGone(side));
        }
    }

    // ---- stack events (on the call's executor) -----------------------------------------------

    /** An in-dialog request other than ACK and CANCEL, with its server transaction. */
    @Override
    public void onRequest(ServerTransaction transaction, Request request) {
        switch (request.getMethod()) {
            case Request.BYE -> {
                respond(transaction, request, 200, "OK", Optional.empty());
                hungUp = true;
                events.onBye(side);
            }
            case Request.INVITE, Request.UPDATE, Request.INFO -> events.onRequest(side, pending(transaction, request));
            case Request.OPTIONS -> respond(transaction, request, 200, "OK", Optional.empty());
            case Request.PRACK -> respond(transaction, request, 481, "Call/Transaction Does Not Exist", Optional.empty());
            default -> respond(transaction, request, StatelessResponder.isKnown(request.getMethod()) ? 405 : 501,
                    StatelessResponder.isKnown(request.getMethod()) ? "Method Not Allowed" : "Not Implemented",
                    Optional.empty());
        }
    }

    /** A CANCEL; only a server INVITE session has something to cancel (RFC 3261 9.2). */
    @Override
    public void onCancel(ServerTransaction transaction, Request cancel) {
        respond(transaction, cancel, 481, "Call/Transaction Does Not Exist", Optional.empty());
    }

    /** An in-dialog ACK; by default one for a relayed re-INVITE's 2xx. */
    @Override
    public void onAck(Request ack) {
        events.onReinviteAck(side, SipContext.bodyOf(ack));
    }

    /** A response on this leg's Call-ID. */
    @Override
    public void onResponse(ResponseEvent event) {
        Response response = event.getResponse();
        ClientTransaction transaction = event.getClientTransaction();
        if (transaction == null || response.getStatusCode() < 200) {
            return;
        }
        completed(transaction, response.getStatusCode(), response.getReasonPhrase(), SipContext.bodyOf(response));
    }

    /** A transaction of this leg timed out. */
    @Override
    public void onTimeout(TimeoutEvent event) {
        if (event.isServerTransaction()) {
            return;
        }
        completed(event.getClientTransaction(), 408, "Request Timeout", Optional.empty());
    }

    /** Our BYE or a relayed request ended, with a final response or with {@code 408} for a timeout. */
    private void completed(ClientTransaction transaction, int status, String reason, Optional<Body> body) {
        if (transaction == byeTransaction) {
            byeTransaction = null;
            events.onLegGone(side);
            return;
        }
        ResponseHandler handler = relays.remove(transaction);
        if (handler != null) {
            handler.onResponse(status, reason, body);
        }
    }

    /** The stack gave up on an ACK (sent or received) for this leg's dialog. */
    @Override
    public void onDialogTimeout(DialogTimeoutEvent.Reason reason) {
        LOG.debug("dialog timeout on the {} leg: {}", side.name().toLowerCase(), reason);
    }

    // ---- helpers -----------------------------------------------------------------------------

    private PendingRequest pending(ServerTransaction transaction, Request request) {
        return new PendingRequest() {
            @Override
            public String method() {
                return request.getMethod();
            }

            @Override
            public Optional<Body> body() {
                return SipContext.bodyOf(request);
            }

            @Override
            public int maxForwards() {
                return SipContext.maxForwardsOf(request);
            }

            @Override
            public void respond(int status, String reason, Optional<Body> body) {
                DialogLeg.this.respond(transaction, request, status, reason, body);
            }
        };
    }

    /** Sends a response on {@code transaction}, with our Contact on 2xx to dialog-refreshing requests. */
    protected void respond(ServerTransaction transaction, Request request, int status, String reason,
            Optional<Body> body) {
        try {
            Response response = ctx.messages().createResponse(status, request);
            response.setReasonPhrase(safeReason(reason, status));
            if (status >= 200 && status < 300
                    && (Request.INVITE.equals(request.getMethod()) || Request.UPDATE.equals(request.getMethod()))) {
                response.setHeader(ctx.contact(transport));
            }
            if (status == 405 || status == 501) {
                ctx.addCapabilities(response);
            }
            ctx.setBody(response, body);
            transaction.sendResponse(response);
        } catch (ParseException | SipException | InvalidArgumentException | RuntimeException e) {
            LOG.warn("cannot send {} for {} to the {}: {}", status, request.getMethod(),
                    side.name().toLowerCase(), e.toString());
        }
    }

    /** A reason phrase safe to put on the wire: no line breaks, never empty. */
    protected static String safeReason(String reason, int status) {
        if (reason == null || reason.isBlank()) {
            return status < 300 ? "OK" : "Error";
        }
        return reason.replaceAll("[\\r\\n]+", " ").trim();
    }
}
