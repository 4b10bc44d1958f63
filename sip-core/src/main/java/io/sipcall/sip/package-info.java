/**
 * The SIPCall B2BUA: {@link io.sipcall.sip.B2bua} starts a JAIN-SIP stack, terminates calls from
 * the gateway side and bridges each to a trunk chosen by a {@link io.sipcall.sip.port.RoutePolicy}.
 *
 * <p>Threading: the SIP stack calls in on its own threads; each call's state is only ever touched by
 * that call's serial executor (one thread at a time, never a global lock). Nothing here blocks a SIP
 * thread.
 */
package io.sipcall.sip;
