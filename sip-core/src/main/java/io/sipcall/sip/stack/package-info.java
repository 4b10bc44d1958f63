/**
 * The JAIN-SIP stack: its configuration ({@link io.sipcall.sip.stack.SipStackFactory}), the single
 * listener that receives every stack event ({@link io.sipcall.sip.stack.SipDispatcher}) and the
 * factory that turns a new INVITE into a call ({@link io.sipcall.sip.stack.CallFactory}).
 *
 * <p>Threading: the dispatcher runs on the stack's threads (a reentrant listener, so concurrently).
 * It only classifies, answers what needs no state, and hands everything else to the owning call's
 * executor; it never blocks and never lets an exception escape into the stack.
 */
package io.sipcall.sip.stack;
