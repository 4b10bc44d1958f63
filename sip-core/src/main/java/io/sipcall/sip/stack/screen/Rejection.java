package io.sipcall.sip.stack.screen;

import java.util.Objects;

/**
 * Why a message the parser handed on must go no further, and the status it is answered with.
 *
 * @param status the final response to send, or {@link #DROP} to send none
 * @param reason a one-line reason phrase naming the syntax problem (RFC 3261 21.4.1)
 */
public record Rejection(int status, String reason) {

    public static final int DROP = 0;

    public Rejection {
        Objects.requireNonNull(reason, "reason");
        if (status != DROP && (status < 400 || status > 699)) {
            throw new IllegalArgumentException("a rejection is a 4xx-6xx response or none: " + status);
        }
        if (reason.indexOf('\r') >= 0 || reason.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("a reason phrase is one line: " + reason);
        }
    }

    public static Rejection drop(String reason) {
        return new Rejection(DROP, reason);
    }

    public boolean answered() {
        return status != DROP;
    }
}
