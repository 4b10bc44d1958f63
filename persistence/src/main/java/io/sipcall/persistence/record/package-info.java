/**
 * Call records: one row per ended call plus its event timeline, built from the B2BUA's
 * {@link io.sipcall.sip.port.CallEventSink} events and written to PostgreSQL without a SIP thread
 * ever waiting for the database.
 *
 * <p>The flow: {@link io.sipcall.persistence.record.CallRecorder} collects a call's events and, when
 * it ends, builds a {@link io.sipcall.persistence.record.StoredCall} with its phone numbers already
 * encrypted; {@link io.sipcall.persistence.record.RecordWriter} queues it, appends it to the
 * fsync'd {@link io.sipcall.persistence.record.Journal} (the spool) and inserts it through
 * {@link io.sipcall.persistence.record.CallRecordStore}, idempotently by call id. While the database
 * is unreachable records are only spooled; when it returns, or when the process starts again, the
 * spool is replayed.
 *
 * <p>Threading: {@code CallRecorder} is called on each call's serial executor and never blocks (it
 * encrypts, builds and enqueues). Everything that touches the disk or the database runs on the
 * writer's single thread; {@code Journal} is confined to that thread. {@code CallRecordStore} is
 * thread-safe. Nothing here ever holds a plaintext phone number outside memory of the running call.
 */
package io.sipcall.persistence.record;
