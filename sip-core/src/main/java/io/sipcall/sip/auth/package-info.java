/**
 * HTTP Digest authentication as SIP uses it (RFC 3261 22, RFC 7616, RFC 2617), in plain Java: no SIP
 * stack, only JCA ({@link java.security.MessageDigest}, {@link javax.crypto.Mac},
 * {@link java.security.SecureRandom}).
 *
 * <p>Client side (answering a trunk's 401/407): {@link io.sipcall.sip.auth.DigestChallenge} parses
 * and picks a challenge, {@link io.sipcall.sip.auth.DigestClient} computes the Authorization value.
 *
 * <p>Server side (challenging the gateway): {@link io.sipcall.sip.auth.NonceService} issues and checks
 * nonces, {@link io.sipcall.sip.auth.DigestResponse} parses what the client sent,
 * {@link io.sipcall.sip.auth.DigestVerifier} checks it against a stored {@link io.sipcall.sip.auth.Ha1},
 * and {@link io.sipcall.sip.auth.AuthFailureGuard} blocks sources that keep failing. The order a
 * server applies them in: {@code guard.blocked(source)}, parse, {@code nonces.check(nonce, nc)}
 * (STALE: challenge again with {@code stale=true}), {@code DigestVerifier.verify}, then
 * {@code guard.failed} or {@code guard.succeeded}.
 *
 * <p>Only {@code MD5} and {@code SHA-256} with {@code qop=auth} (or no qop, RFC 2069) are supported;
 * the {@code -sess} variants, {@code auth-int} and {@code userhash} are refused with
 * {@link io.sipcall.sip.auth.UnsupportedDigestException}.
 *
 * <p>Threading: the records, {@link io.sipcall.sip.auth.Ha1} and {@link io.sipcall.sip.auth.DigestVerifier}
 * are immutable or stateless; {@link io.sipcall.sip.auth.NonceService} and
 * {@link io.sipcall.sip.auth.AuthFailureGuard} are thread-safe; a {@link io.sipcall.sip.auth.DigestClient}
 * is confined to its owner's executor. Nothing here logs a password, a HA1 or a response.
 */
package io.sipcall.sip.auth;
