/**
 * TLS for the SIP listener: {@link io.sipcall.sip.tls.TlsMaterial} loads the configured PEM
 * certificate and key (or generates and keeps a self-signed pair under the data directory), and
 * {@link io.sipcall.sip.tls.PemSecurityManagerProvider} hands them to JAIN-SIP together with
 * {@link io.sipcall.sip.tls.TlsPolicy}'s protocol versions and cipher suites. Failures are
 * {@link io.sipcall.sip.tls.TlsMaterialException}s naming the key or file at fault.
 *
 * <p>Threading: loading and generation run once at start-up on the caller's thread and write files;
 * the resulting objects are immutable (the provider's managers are set once in {@code init}) and
 * safe to share between the stack's threads.
 */
package io.sipcall.sip.tls;
