package io.sipcall.sip.session;

import io.sipcall.config.Transport;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.ListIterator;
import java.util.Locale;
import java.util.Map;
import javax.sip.InvalidArgumentException;
import javax.sip.SipException;
import javax.sip.address.URI;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.RecordRouteHeader;
import javax.sip.header.RouteHeader;
import javax.sip.header.ToHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends dialogs nobody wants: a 2xx to one of our INVITEs that arrives after its call is over (a trunk
 * answering after we gave up on it, or a second fork). RFC 3261 13.2.2.4 says the 2xx must be
 * acknowledged; with no call to take it the dialog is ended at once with BYE. A retransmission of
 * the same 2xx is acknowledged again without a second BYE.
 */
public final class StrayAnswers {

    private static final Logger LOG = LoggerFactory.getLogger(StrayAnswers.class);
    private static final int REMEMBERED = 1024;

    private final SipContext ctx;
    /** Dialogs (Call-ID + remote tag) already sent a BYE, most recent last; bounded. */
    private final Map<String, Boolean> ended = Collections.synchronizedMap(new LinkedHashMap<>(64, 0.75f, false) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > REMEMBERED;
        }
    });

    public StrayAnswers(SipContext ctx) {
        this.ctx = ctx;
    }

    /** Whether {@code response} is a 2xx to an INVITE: the only stray response that needs an answer. */
    public static boolean isAnswer(Response response) {
        CSeqHeader cseq = (CSeqHeader) response.getHeader(CSeqHeader.NAME);
        return response.getStatusCode() / 100 == 2 && cseq != null && Request.INVITE.equals(cseq.getMethod());
    }

    /** Acknowledges the stray 2xx and, the first time, ends its dialog with BYE. */
    public void acknowledgeAndHangUp(Response answer) {
        ContactHeader contact = (ContactHeader) answer.getHeader(ContactHeader.NAME);
        ToHeader to = (ToHeader) answer.getHeader(ToHeader.NAME);
        if (contact == null || to.getTag() == null) {
            LOG.debug("stray 2xx without Contact or To tag dropped");
            return;
        }
        String dialog = ((CallIdHeader) answer.getHeader(CallIdHeader.NAME)).getCallId() + ";" + to.getTag();
        long cseq = ((CSeqHeader) answer.getHeader(CSeqHeader.NAME)).getSeqNumber();
        try {
            ctx.provider().sendRequest(request(answer, contact.getAddress().getURI(), Request.ACK, cseq));
            if (ended.putIfAbsent(dialog, Boolean.TRUE) == null) {
                LOG.info("answer for a call that is already over: acknowledged and hung up");
                ctx.provider().getNewClientTransaction(request(answer, contact.getAddress().getURI(),
                        Request.BYE, cseq + 1)).sendRequest();
            }
        } catch (SipException | ParseException | InvalidArgumentException | RuntimeException e) {
            LOG.warn("cannot end a stray answered dialog: {}", e.toString());
        }
    }

    private Request request(Response answer, URI target, String method, long cseq)
            throws ParseException, InvalidArgumentException {
        Transport transport = Transport.valueOf(
                ((ViaHeader) answer.getHeader(ViaHeader.NAME)).getTransport().toUpperCase(Locale.ROOT));
        ViaHeader via = ctx.via(transport);
        via.setBranch("z9hG4bK" + SipContext.token());
        Request request = ctx.messages().createRequest(target, method,
                (CallIdHeader) answer.getHeader(CallIdHeader.NAME), ctx.headers().createCSeqHeader(cseq, method),
                (FromHeader) answer.getHeader(FromHeader.NAME), (ToHeader) answer.getHeader(ToHeader.NAME),
                List.of(via), ctx.maxForwards(70));
        // RFC 3261 12.1.2: the UAC's route set is the Record-Route of the 2xx, in reverse order.
        List<RouteHeader> routes = new ArrayList<>();
        ListIterator<?> recordRoutes = answer.getHeaders(RecordRouteHeader.NAME);
        while (recordRoutes.hasNext()) {
            RecordRouteHeader rr = (RecordRouteHeader) recordRoutes.next();
            routes.add(0, ctx.headers().createRouteHeader(rr.getAddress()));
        }
        for (RouteHeader route : routes) {
            request.addHeader(route);
        }
        return request;
    }
}
