package io.sipcall.sip.call;

/**
 * The life of a bridged call. Moves forward only; {@link #ENDED} is final.
 *
 * <pre>
 * ROUTING -> CALLING -> EARLY -> ANSWERED -> CONFIRMED -> TERMINATING -> ENDED
 *    |          |__________|________|___________|____________^
 *    |          |          |        (ACK timeout, BYE)
 *    |          +----------+--> CANCELLING --> ENDED   (caller CANCEL, no answer, trunk timeout)
 *    +--> ENDED (refused by policy, or cancelled while routing)
 * </pre>
 */
public enum CallState {
    /** INVITE received and 100 sent; the route policy and media anchor are being consulted. */
    ROUTING,
    /** INVITE sent to the trunk; no provisional response relayed yet. */
    CALLING,
    /** The callee is ringing or sending early media (180/183 relayed). */
    EARLY,
    /** The callee's 2xx was relayed; waiting for the caller's ACK. */
    ANSWERED,
    /** Both dialogs are confirmed; in-dialog requests are relayed. */
    CONFIRMED,
    /** The caller has its final error; the callee's INVITE is being cancelled. */
    CANCELLING,
    /** A BYE is on its way on one or both legs. */
    TERMINATING,
    /** Both legs are gone. */
    ENDED;

    /** Whether the caller may still be given a provisional or final response to its INVITE. */
    boolean beforeAnswer() {
        return this == ROUTING || this == CALLING || this == EARLY;
    }
}
