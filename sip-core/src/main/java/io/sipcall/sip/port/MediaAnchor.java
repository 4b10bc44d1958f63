package io.sipcall.sip.port;

/**
 * Where a call's media is anchored. The B2BUA hands every session description that crosses from one
 * leg to the other to the call's {@link MediaSession}, and sends on whatever comes back.
 */
public interface MediaAnchor {

    /** A short name for logs and the API, such as {@code passthrough}. */
    String name();

    /** Opens the media side of a new call. Called once per call, before its first offer. */
    MediaSession open(CallId callId);
}
