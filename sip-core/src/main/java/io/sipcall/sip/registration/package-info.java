/**
 * Outbound registration to SIP trunks (RFC 3261 10.2): one {@link io.sipcall.sip.registration.TrunkRegistration}
 * per trunk with {@code registration.enabled}, in the client-registration role, answering digest
 * challenges with {@link io.sipcall.sip.auth.DigestClient}, refreshing before the binding expires,
 * backing off after failures, and removing its binding on shutdown.
 * {@link io.sipcall.sip.registration.TrunkRegistrations} starts them and reports
 * {@link io.sipcall.sip.registration.RegistrationStatus} for the API and metrics.
 *
 * <p>Threading: each registration is confined to its own {@link io.sipcall.sip.call.SerialExecutor}; the
 * dispatcher hands it the stack's events by Call-ID, and its timers run on the shared scheduler only to
 * hand work back to that executor. Nothing here blocks a SIP or timer thread. Status snapshots and the
 * unregistration future may be read from any thread.
 */
package io.sipcall.sip.registration;
