/**
 * A SIP peer made of plain sockets, for feeding the B2BUA bytes no SIP stack would send: garbage,
 * broken headers, lying Content-Lengths.
 *
 * <p>{@link io.sipcall.it.raw.RawSipClient} sends bytes over UDP or TCP and awaits what comes back
 * with a deadline, as a {@link io.sipcall.it.raw.Reply}: a SIP message, a bare CRLF, silence, or
 * (TCP) the connection closed. {@link io.sipcall.it.raw.RawRequest} writes request text, well formed
 * until a test breaks a piece of it. Threading: one client and one request builder per test thread.
 */
package io.sipcall.it.raw;
