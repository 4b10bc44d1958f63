/**
 * The legs of a call over JAIN-SIP: {@link io.sipcall.sip.session.ServerInviteSession} (UAS role,
 * towards the caller) and {@link io.sipcall.sip.session.ClientInviteSession} (UAC role, towards the
 * trunk), on a common {@link io.sipcall.sip.session.DialogLeg}. They turn stack events into the
 * semantic {@link io.sipcall.sip.call.LegEvents} and semantic commands into SIP messages; they never
 * decide anything about the call.
 *
 * <p>Threading: a session is confined to its call's executor; the dispatcher hands every stack event
 * over to it.
 */
package io.sipcall.sip.session;
