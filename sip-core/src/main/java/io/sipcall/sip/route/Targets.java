package io.sipcall.sip.route;

import io.sipcall.config.TrunkConfig;
import io.sipcall.sip.port.RouteDecision;
import io.sipcall.sip.port.RouteRequest;
import java.math.BigDecimal;
import java.util.Optional;

/**
 * Targets on configured trunks, built the way {@link DefaultRoutePolicy} builds them, for custom
 * policies to reuse: the number in the trunk's {@code number-format} behind its {@code tech-prefix},
 * the trunk's host, effective port and transport, and the caller ID.
 */
public final class Targets {

    private Targets() {
    }

    /**
     * A target on {@code trunk} for {@code number}, presenting the caller's own caller ID
     * ({@code users.ID.caller-id}) or else the trunk's, and no rate.
     *
     * @param name        the trunk's configured name
     * @param homeCountry the country {@code NATIONAL} numbers are written for (SIPCall's default is
     *                    {@code routing.default-country}, see {@link E164Number#formatted})
     */
    public static RouteDecision.Target to(String name, TrunkConfig trunk, E164Number number, String homeCountry,
            RouteRequest request) {
        return to(name, trunk, number, homeCountry, callerIdOf(request), Optional.empty());
    }

    /**
     * A target on {@code trunk} for {@code number}.
     *
     * @param callerId       the caller ID to present; empty uses the trunk's {@code caller-id}, if any
     * @param pricePerMinute the trunk's rate for the number, if known
     */
    public static RouteDecision.Target to(String name, TrunkConfig trunk, E164Number number, String homeCountry,
            Optional<String> callerId, Optional<BigDecimal> pricePerMinute) {
        String dialString = trunk.techPrefix() + number.formatted(trunk.numberFormat(), homeCountry);
        Optional<String> presented = callerId.filter(id -> !id.isBlank())
                .or(() -> trunk.callerId().filter(id -> !id.isBlank()));
        return new RouteDecision.Target(name, trunk.host(), trunk.effectivePort(), trunk.transport(), dialString,
                presented, pricePerMinute);
    }

    /** The caller ID of the request's user ({@code users.ID.caller-id}), if any. */
    public static Optional<String> callerIdOf(RouteRequest request) {
        return request.user().flatMap(user -> user.config().callerId()).filter(id -> !id.isBlank());
    }
}
