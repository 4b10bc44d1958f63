/**
 * Personal data over its lifetime (GDPR articles 5(1)(e), 15, 17 and 20): {@link
 * io.sipcall.persistence.privacy.PrivacyService} exports everything stored about one user as JSON
 * and erases them, anonymising the call records that accounting must keep; {@link
 * io.sipcall.persistence.privacy.RetentionJob} deletes call records and audit entries older than the
 * configured number of days. Export, erasure and every purge are written to the audit log.
 *
 * <p>Threading: both classes are thread-safe and block on the database on the calling thread; call
 * them from HTTP or admin threads, never from a SIP thread. {@code RetentionJob.start()} runs the
 * purge on its own daemon thread.
 */
package io.sipcall.persistence.privacy;
