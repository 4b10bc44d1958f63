/**
 * A small client of FreeSWITCH's Event Socket (mod_event_socket, inbound mode), the control channel of
 * the FreeSWITCH media anchor: {@link io.sipcall.media.esl.EslClient} connects and authenticates, runs
 * {@code api} and {@code bgapi} commands with futures and deadlines, subscribes to events (plain or
 * json, with filters), watches the connection through FreeSWITCH's HEARTBEAT events, reconnects with
 * exponential backoff and subscribes again, and closes cleanly. The framing follows what
 * mod_event_socket.c writes: header blocks ended by a blank line, bodies of exactly Content-Length
 * bytes, URL-encoded header values inside plain events.
 *
 * <p>Threading: the public methods of {@code EslClient} are thread-safe and never block, except
 * {@code close()}. Each client owns a few daemon threads named {@code esl-*-host:port}: a socket
 * reader per connection, a writer, a timer, and one dispatch thread. All application code runs on the
 * dispatch thread, one callback at a time and in wire order: event listeners, state listeners, and
 * the completion of every returned future (hence of callbacks chained with the non-async
 * {@code thenApply}/{@code thenAccept}); only a future that fails at once (not connected) is already
 * complete when returned. Callbacks must therefore be short and must not wait for another ESL reply;
 * hand longer work to another executor (a call's own executor, say).
 */
package io.sipcall.media.esl;
