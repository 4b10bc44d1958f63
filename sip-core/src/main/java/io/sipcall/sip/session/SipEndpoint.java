package io.sipcall.sip.session;

import gov.nist.javax.sip.DialogTimeoutEvent;
import javax.sip.ResponseEvent;
import javax.sip.ServerTransaction;
import javax.sip.TimeoutEvent;
import javax.sip.message.Request;

/**
 * Something that owns a SIP Call-ID and receives the stack's events for it: a call leg, or a trunk
 * registration. Every method runs on the owner's executor; the defaults ignore the event.
 */
public interface SipEndpoint {

    /** A response on the owner's Call-ID. */
    void onResponse(ResponseEvent event);

    /** A transaction of the owner timed out. */
    void onTimeout(TimeoutEvent event);

    /** An in-dialog request other than ACK and CANCEL. */
    default void onRequest(ServerTransaction transaction, Request request) {
    }

    /** A CANCEL. */
    default void onCancel(ServerTransaction transaction, Request cancel) {
    }

    /** An in-dialog ACK. */
    default void onAck(Request ack) {
    }

    /** The stack gave up waiting for an ACK. */
    default void onDialogTimeout(DialogTimeoutEvent.Reason reason) {
    }
}
