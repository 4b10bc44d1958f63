/**
 * {@link io.sipcall.sip.port.MediaAnchor} implementations. {@link io.sipcall.media.PassthroughMediaAnchor}
 * relays session descriptions unchanged (the embedded default); the FreeSWITCH anchor over ESL joins
 * it in a later change.
 *
 * <p>Threading: anchors are shared by all calls and must be thread-safe; a session is used by its
 * call's executor only.
 */
package io.sipcall.media;
