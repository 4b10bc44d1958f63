/**
 * The call model: a {@link io.sipcall.sip.call.B2buaCall} joins a {@link io.sipcall.sip.call.CallerLeg}
 * (UAS role, towards the gateway) and a {@link io.sipcall.sip.call.CalleeLeg} (UAC role, towards the
 * trunk) through named bridging rules, with an explicit {@link io.sipcall.sip.call.CallState}.
 *
 * <p>This package knows nothing of JAIN-SIP: legs are narrow interfaces, implemented over the stack in
 * {@code io.sipcall.sip.session} and by hand-written fakes in tests.
 *
 * <p>Threading: a call and its legs are confined to the call's {@link io.sipcall.sip.call.SerialExecutor};
 * every method here must be called from it.
 */
package io.sipcall.sip.call;
