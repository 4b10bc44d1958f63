package io.sipcall.sip.call;

/**
 * How a callee's final error becomes the caller's. The B2BUA is a UA on each side, so it chooses what
 * the caller is told; most statuses pass as they are, a few are translated.
 */
public final class ResponseMapping {

    /** A status line to send. */
    public record Status(int code, String reason) {
    }

    private ResponseMapping() {
    }

    /** The response the caller gets for the callee's final error {@code code}. */
    public static Status toCaller(int code, String reason) {
        if (code >= 300 && code < 400) {
            // Redirects are not followed yet, and their Contact would leak the trunk side.
            return new Status(480, "Temporarily Unavailable");
        }
        if (code == 401 || code == 407) {
            // The trunk wants credentials the caller cannot give; for the caller our service is
            // unavailable.
            return new Status(503, "Trunk Authentication Failed");
        }
        if (code == 503) {
            // RFC 3261 16.7 (step 6): a 503 from downstream is not passed upstream as it is, or the
            // gateway would take this whole service for unavailable.
            return new Status(500, "Trunk Unavailable");
        }
        if (code < 300 || code > 699) {
            return new Status(500, "Server Internal Error");
        }
        return new Status(code, reason == null || reason.isBlank() ? defaultReason(code) : reason);
    }

    private static String defaultReason(int code) {
        return switch (code) {
            case 404 -> "Not Found";
            case 408 -> "Request Timeout";
            case 480 -> "Temporarily Unavailable";
            case 486 -> "Busy Here";
            case 487 -> "Request Terminated";
            case 600 -> "Busy Everywhere";
            case 603 -> "Decline";
            default -> code >= 600 ? "Global Failure" : code >= 500 ? "Server Error" : "Request Failure";
        };
    }
}
