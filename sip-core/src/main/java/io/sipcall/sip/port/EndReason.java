package io.sipcall.sip.port;

/** Why a call ended. Set once, by whichever event ended it first. */
public enum EndReason {
    /** The caller hung up (BYE) after the call was answered. */
    CALLER_HANGUP,
    /** The callee hung up (BYE) after the call was answered. */
    CALLEE_HANGUP,
    /** The caller cancelled before the callee answered. */
    CALLER_CANCELLED,
    /** The callee did not answer within the no-answer timeout. */
    NO_ANSWER,
    /** The trunk sent no response at all in time, or could not be reached. */
    TRUNK_TIMEOUT,
    /** The callee rejected the call with a final error response (busy, declined, not found, ...). */
    REJECTED,
    /** Routing or policy refused the call before a trunk was tried. */
    REFUSED,
    /** The caller never acknowledged our 2xx (RFC 3261 13.3.1.4). */
    ACK_TIMEOUT,
    /** The call reached the configured maximum duration and was hung up on both legs. */
    MAX_DURATION,
    /** A fault inside SIPCall (media anchor failure, unexpected exception). */
    INTERNAL_ERROR,
    /** The B2BUA shut down while the call was up. */
    SHUTDOWN
}
