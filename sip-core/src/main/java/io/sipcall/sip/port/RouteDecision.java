package io.sipcall.sip.port;

import io.sipcall.config.Transport;
import java.util.List;
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
     * @param trunk      the trunk's configured name (for logs and records)
     * @param host       where to send the INVITE
     * @param port       the port
     * @param transport  the transport
     * @param number     the user part for the Request-URI and To header (the number as the trunk wants it)
     */
    record Target(String trunk, String host, int port, Transport transport, String number) {
        public Target {
            Objects.requireNonNull(trunk, "trunk");
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(transport, "transport");
            Objects.requireNonNull(number, "number");
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("port out of range: " + port);
            }
        }
    }
}
