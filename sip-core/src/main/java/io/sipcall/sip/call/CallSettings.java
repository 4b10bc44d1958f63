package io.sipcall.sip.call;

import java.time.Duration;
import java.util.Objects;

/**
 * Per-call timing.
 *
 * @param trunkResponseTimeout how long the trunk may stay silent after our INVITE before the caller is
 *                             told 408 (like Kamailio's fr_timer)
 * @param noAnswerTimeout      how long the callee may ring before the call is given up with 480
 * @param maxCallDuration      longest an answered call may last before both legs are hung up
 */
public record CallSettings(Duration trunkResponseTimeout, Duration noAnswerTimeout, Duration maxCallDuration) {

    public CallSettings {
        Objects.requireNonNull(trunkResponseTimeout, "trunkResponseTimeout");
        Objects.requireNonNull(noAnswerTimeout, "noAnswerTimeout");
        Objects.requireNonNull(maxCallDuration, "maxCallDuration");
    }
}
