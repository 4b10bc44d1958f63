/**
 * Ports: the interfaces through which the B2BUA reaches the outside world. They point outward;
 * adapters (media-control, persistence, http-api) implement them and {@code app} wires them in.
 * {@code sip-core} never imports an adapter.
 *
 * <p>Threading: every port method is called from a call's serial executor and must not block. Work
 * that takes time (ESL round trips, database writes) returns a {@link java.util.concurrent.CompletionStage}
 * or is queued by the adapter.
 */
package io.sipcall.sip.port;
