package io.sipcall.sip.route;

import io.sipcall.config.RateConfig;
import io.sipcall.config.RouteConfig;
import io.sipcall.config.TrunkConfig;
import io.sipcall.sip.port.Directory;
import io.sipcall.sip.port.RouteDecision;
import io.sipcall.sip.port.RoutePolicy;
import io.sipcall.sip.port.RouteRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link DefaultRoutePolicy} over a {@link Directory} whose trunks and rates change while SIPCall
 * runs: a trunk or rate added in the database routes without a restart. The routes themselves
 * ({@code routes}) come from the configuration.
 *
 * <p>Each call compares, by identity, the trunks and rates the directory hands out with those the
 * current tables were built from (directories replace their immutable collections on a change, see
 * {@link Directory}); only when they differ are the tables rebuilt, once per change, by the first
 * call that sees it (a rebuild takes well under a millisecond: tens of rows).
 * <ul>
 *   <li>A route naming a trunk the directory does not have (deleted since) keeps its other trunks;
 *       a rate of such a trunk is left out. Both are logged at WARN once per change.</li>
 *   <li>Tables {@link DefaultRoutePolicy} refuses (rates in two currencies, a prefix that is not
 *       E.164) are logged at WARN once per change and the previous tables stay in use. At
 *       construction they are thrown, as {@link DefaultRoutePolicy} does.</li>
 * </ul>
 *
 * <p>Thread-safe; routing reads one volatile field; a rebuild holds a lock other calls wait on only
 * while that one change is being built.
 */
public final class DirectoryRoutePolicy implements RoutePolicy {

    private static final Logger LOG = LoggerFactory.getLogger(DirectoryRoutePolicy.class);

    private final List<RouteConfig> routes;
    private final Directory directory;
    private final NumberNormaliser numbers;
    private final Object rebuilding = new Object();
    private volatile Built current;

    /** The tables in use and the directory's collections they were built from. */
    private record Built(Map<String, TrunkConfig> trunks, List<RateConfig> rates, RoutePolicy policy) {
        boolean builtFrom(Map<String, TrunkConfig> otherTrunks, List<RateConfig> otherRates) {
            return trunks == otherTrunks && rates == otherRates;
        }
    }

    /**
     * @param routes    the routing table ({@code routes})
     * @param directory where trunks and rates are read, on every call
     * @param numbers   reads dialled numbers (holds {@code routing.default-country})
     * @throws IllegalArgumentException naming the key, when the directory's current rates or the
     *                                  routes are not valid tables
     */
    public DirectoryRoutePolicy(List<RouteConfig> routes, Directory directory, NumberNormaliser numbers) {
        this.routes = List.copyOf(routes);
        this.directory = Objects.requireNonNull(directory, "directory");
        this.numbers = Objects.requireNonNull(numbers, "numbers");
        Map<String, TrunkConfig> trunks = directory.trunks();
        List<RateConfig> rates = directory.rates();
        this.current = new Built(trunks, rates, build(trunks, rates));
    }

    @Override
    public RouteDecision route(RouteRequest request) {
        return policy().route(request);
    }

    /** The tables for the directory as it is now, rebuilt first if it changed. */
    RoutePolicy policy() {
        Built built = current;
        if (built.builtFrom(directory.trunks(), directory.rates())) {
            return built.policy();
        }
        synchronized (rebuilding) {
            // Read again under the lock: of two calls that saw different changes, the later builds the newest.
            Map<String, TrunkConfig> trunks = directory.trunks();
            List<RateConfig> rates = directory.rates();
            built = current;
            if (!built.builtFrom(trunks, rates)) {
                built = new Built(trunks, rates, rebuild(trunks, rates, built.policy()));
                current = built;
            }
            return built.policy();
        }
    }

    private RoutePolicy rebuild(Map<String, TrunkConfig> trunks, List<RateConfig> rates, RoutePolicy previous) {
        try {
            RoutePolicy rebuilt = build(trunks, rates);
            LOG.info("event=route-tables-rebuilt trunks={} rates={}", trunks.size(), rates.size());
            return rebuilt;
        } catch (IllegalArgumentException e) {
            LOG.warn("event=route-tables-refused error=\"{}\" note=\"the directory's trunks or rates cannot be "
                    + "routed by; the previous tables stay in use until the next change\"", e.getMessage());
            return previous;
        }
    }

    private DefaultRoutePolicy build(Map<String, TrunkConfig> trunks, List<RateConfig> rates) {
        return new DefaultRoutePolicy(knownTrunksOnly(trunks), trunks, ratesOfKnownTrunks(rates, trunks), numbers);
    }

    private List<RouteConfig> knownTrunksOnly(Map<String, TrunkConfig> trunks) {
        List<RouteConfig> known = new ArrayList<>(routes.size());
        for (RouteConfig route : routes) {
            List<String> present = route.trunks().stream().filter(trunks::containsKey).toList();
            if (present.size() != route.trunks().size()) {
                route.trunks().stream().filter(name -> !trunks.containsKey(name)).forEach(name -> LOG.warn(
                        "event=route-trunk-missing prefix=\"{}\" trunk={} note=\"the route names a trunk the "
                                + "directory does not have; its other trunks are used\"", route.prefix(), name));
            }
            known.add(new RouteConfig(route.prefix(), present));
        }
        return known;
    }

    private static List<RateConfig> ratesOfKnownTrunks(List<RateConfig> rates, Map<String, TrunkConfig> trunks) {
        List<RateConfig> known = new ArrayList<>(rates.size());
        for (RateConfig rate : rates) {
            if (trunks.containsKey(rate.trunk())) {
                known.add(rate);
            } else {
                LOG.warn("event=rate-trunk-missing prefix=\"{}\" trunk={} note=\"a rate of a trunk the directory "
                        + "does not have is left out\"", rate.prefix(), rate.trunk());
            }
        }
        return known;
    }
}
