package io.sipcall.sip.stack;

import io.sipcall.sip.gateway.Registrar;
import io.sipcall.sip.session.CallRegistry;
import io.sipcall.sip.session.SipContext;
import io.sipcall.sip.session.StatelessResponder;
import io.sipcall.sip.session.StrayAnswers;
import java.util.Optional;
import javax.sip.DialogTerminatedEvent;
import gov.nist.javax.sip.DialogTimeoutEvent;
import javax.sip.IOExceptionEvent;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import gov.nist.javax.sip.SipListenerExt;
import javax.sip.TimeoutEvent;
import javax.sip.Transaction;
import javax.sip.TransactionAlreadyExistsException;
import javax.sip.TransactionTerminatedEvent;
import javax.sip.header.CallIdHeader;
import javax.sip.header.MaxForwardsHeader;
import javax.sip.header.ToHeader;
import javax.sip.message.Message;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one listener the stack calls. It classifies each event, answers what needs no call state, and
 * hands the rest to the owning call's executor. Nothing here blocks, and no exception reaches the
 * stack: a request that fails here still gets a final response.
 */
public final class SipDispatcher implements SipListenerExt {

    private static final Logger LOG = LoggerFactory.getLogger(SipDispatcher.class);

    private final SipContext ctx;
    private final CallRegistry registry;
    private final CallFactory calls;
    private final Registrar registrar;
    private final StatelessResponder responder;
    private final StrayAnswers strays;

    public SipDispatcher(SipContext ctx, CallRegistry registry, CallFactory calls, Registrar registrar) {
        this.ctx = ctx;
        this.registry = registry;
        this.calls = calls;
        this.registrar = registrar;
        this.responder = new StatelessResponder(ctx);
        this.strays = new StrayAnswers(ctx);
    }

    @Override
    public void processRequest(RequestEvent event) {
        Request request = event.getRequest();
        try {
            assumeMaxForwards(request);
            dispatch(event, request);
        } catch (RuntimeException e) {
            LOG.error("failed to handle {}", request.getMethod(), e);
            responder.respond(request, Response.SERVER_INTERNAL_ERROR, "Server Internal Error");
        }
    }

    /**
     * RFC 3261 16.3: a request without Max-Forwards passes the hop check, and we count it as 70
     * ({@link SipContext#maxForwardsOf}). The RI will not create a server transaction for it
     * (SIPRequest.checkHeaders), so the request gets that value written in first.
     */
    private void assumeMaxForwards(Request request) {
        if (request.getHeader(MaxForwardsHeader.NAME) == null) {
            request.setHeader(ctx.maxForwards(70));
        }
    }

    private void dispatch(RequestEvent event, Request request) {
        String method = request.getMethod();
        Optional<CallRegistry.Entry> owner = registry.find(callIdOf(request));
        if (Request.ACK.equals(method)) {
            owner.ifPresent(entry -> entry.executor().execute(() -> entry.leg().onAck(request)));
            return;
        }
        if (Request.CANCEL.equals(method)) {
            toOwner(owner, event, (entry, transaction) -> entry.leg().onCancel(transaction, request));
            return;
        }
        if (((ToHeader) request.getHeader(ToHeader.NAME)).getTag() != null) {
            toOwner(owner, event, (entry, transaction) -> entry.leg().onRequest(transaction, request));
            return;
        }
        switch (method) {
            case Request.INVITE -> calls.accept(event);
            case Request.OPTIONS -> responder.options(request);
            case Request.REGISTER -> registrar.register(request, SipContext.sourceOf(event));
            case Request.BYE, Request.INFO, Request.UPDATE, Request.PRACK ->
                    responder.respond(request, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST,
                            "Call/Transaction Does Not Exist");
            default -> responder.notAllowed(request);
        }
    }

    /** Gives an in-dialog request (or CANCEL) its server transaction and hands it to its call. */
    private void toOwner(Optional<CallRegistry.Entry> owner, RequestEvent event, LegTask task) {
        Request request = event.getRequest();
        if (owner.isEmpty()) {
            responder.respond(request, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST, "Call/Transaction Does Not Exist");
            return;
        }
        ServerTransaction transaction = event.getServerTransaction();
        try {
            if (transaction == null) {
                // Requests the stack could not map to a dialog arrive without a transaction.
                transaction = ctx.provider().getNewServerTransaction(request);
            }
        } catch (TransactionAlreadyExistsException e) {
            return; // a retransmission; its transaction answers it
        } catch (SipException e) {
            LOG.warn("cannot create a transaction for {}: {}", request.getMethod(), e.toString());
            responder.respond(request, Response.SERVER_INTERNAL_ERROR, "Server Internal Error");
            return;
        }
        CallRegistry.Entry entry = owner.get();
        ServerTransaction mapped = transaction;
        entry.executor().execute(() -> task.run(entry, mapped));
    }

    @FunctionalInterface
    private interface LegTask {
        void run(CallRegistry.Entry entry, ServerTransaction transaction);
    }

    @Override
    public void processResponse(ResponseEvent event) {
        Response response = event.getResponse();
        Optional<CallRegistry.Entry> owner = registry.find(callIdOf(response));
        if (owner.isEmpty()) {
            if (StrayAnswers.isAnswer(response)) {
                strays.acknowledgeAndHangUp(response);
            } else {
                LOG.debug("response {} for no known call dropped", response.getStatusCode());
            }
            return;
        }
        CallRegistry.Entry entry = owner.get();
        entry.executor().execute(() -> entry.leg().onResponse(event));
    }

    @Override
    public void processTimeout(TimeoutEvent event) {
        Transaction transaction = event.isServerTransaction() ? event.getServerTransaction() : event.getClientTransaction();
        if (transaction == null) {
            return;
        }
        registry.find(callIdOf(transaction.getRequest()))
                .ifPresent(entry -> entry.executor().execute(() -> entry.leg().onTimeout(event)));
    }

    @Override
    public void processDialogTimeout(DialogTimeoutEvent event) {
        String callId = event.getDialog().getCallId().getCallId();
        registry.find(callId).ifPresent(entry -> entry.executor().execute(
                () -> entry.leg().onDialogTimeout(event.getReason())));
    }

    @Override
    public void processIOException(IOExceptionEvent event) {
        LOG.warn("transport error towards {}:{} over {}", event.getHost(), event.getPort(), event.getTransport());
    }

    @Override
    public void processTransactionTerminated(TransactionTerminatedEvent event) {
        // Transactions are tracked by their legs; nothing to do.
    }

    @Override
    public void processDialogTerminated(DialogTerminatedEvent event) {
        // Dialog ends are reported to calls as BYE, its response, or a timeout.
    }


    private static String callIdOf(Message message) {
        CallIdHeader header = (CallIdHeader) message.getHeader(CallIdHeader.NAME);
        return header == null ? "" : header.getCallId();
    }

}
