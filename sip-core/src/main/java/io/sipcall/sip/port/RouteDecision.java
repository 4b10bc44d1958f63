package io.sipcall.sip.port;

import io.sipcall.config.Transport;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.Objects;

/** The outcome of routing: where to send the call, or why it is refused. */
public sealed interface RouteDecision permits RouteDecision.Route, RouteDecision.Reject {

    /**
     * Send the call to {@code targets}, in order. The B2BUA tries the first; later targets are the
     * failover candidates.
     */
    record Route(List<Target> targets) implements RouteDecision {
        public Route {
            targets = List.copyOf(targets);
            if (targets.isEmpty()) {
                throw new IllegalArgumentException("a route needs at least one target");
            }
        }

        public static Route to(Target target) {
            return new Route(List.of(target));
        }
    }

    /**
     * Refuse the call with a SIP error status and a reason phrase that says why.
     *
     * @param status 400-699
     * @param reason the reason phrase sent to the caller
     */
    record Reject(int status, String reason) implements RouteDecision {
        public Reject {
            if (status < 400 || status > 699) {
                throw new IllegalArgumentException("reject status must be 400-699, was " + status);
            }
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * One trunk to try.
     *
     * @param trunk          the trunk's configured name (for logs, records and its auth and limits)
     * @param host           the trunk's domain: the Request-URI and To host
     * @param port           the port
     * @param transport      the transport
     * @param number         the user part for the Request-URI and To header (the number as the trunk
     *                       wants it: formatted, with any tech prefix)
     * @param callerId       the number presented to the callee, in From and P-Asserted-Identity;
     *                       empty keeps the caller's own user part
     * @param pricePerMinute what this trunk charges for the destination, if rated
     */
    record Target(String trunk, String host, int port, Transport transport, String number,
            Optional<String> callerId, Optional<BigDecimal> pricePerMinute) {
        public Target {
            Objects.requireNonNull(trunk, "trunk");
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(transport, "transport");
            Objects.requireNonNull(number, "number");
            callerId = callerId == null ? Optional.empty() : callerId;
            pricePerMinute = pricePerMinute == null ? Optional.empty() : pricePerMinute;
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("port out of range: " + port);
            }
        }

        /** A target with no caller ID rule and no rate. */
        public Target(String trunk, String host, int port, Transport transport, String number) {
            this(trunk, host, port, transport, number, Optional.empty(), Optional.empty());
        }
    }
}
