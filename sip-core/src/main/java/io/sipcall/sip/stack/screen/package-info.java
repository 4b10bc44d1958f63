/**
 * Screening of what arrives on the wire before the stack acts on it (issue behaviour 9: a malformed
 * message gets a 400 where a response is possible and is dropped otherwise).
 *
 * <p>The RI mishandles messages it cannot parse: over UDP it answers with a 400 whose status line
 * carries the parser's multi-line error text (so the sender cannot parse it either), over TCP it
 * closes the connection, taking every other call on it along. So the stack parses with
 * {@link io.sipcall.sip.stack.screen.ScreeningParser}, which keeps such a message, stands in for
 * its unreadable mandatory headers with copies of the sender's text, and notes a
 * {@link io.sipcall.sip.stack.screen.Rejection} on it; {@link io.sipcall.sip.stack.screen.RejectionValve}
 * then answers or drops it before any transaction or listener sees it. Only what cannot be framed
 * closes a stream connection.
 *
 * <p>Threading: the parser and the valve hold no mutable state and run on the stack's transport
 * threads, concurrently.
 */
package io.sipcall.sip.stack.screen;
