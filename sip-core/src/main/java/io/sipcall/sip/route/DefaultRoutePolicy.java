package io.sipcall.sip.route;

import io.sipcall.config.RateConfig;
import io.sipcall.config.RouteConfig;
import io.sipcall.config.SipCallConfig;
import io.sipcall.config.TrunkConfig;
import io.sipcall.sip.port.Directory;
import io.sipcall.sip.port.RouteDecision;
import io.sipcall.sip.port.RoutePolicy;
import io.sipcall.sip.port.RouteRequest;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * SIPCall's routing when no custom policy is configured: E.164 normalisation, longest-prefix routes,
 * least-cost order.
 * <ol>
 *   <li>The dialled number is read as E.164 in the user's country ({@code users.ID.default-country},
 *       else {@code routing.default-country}) by {@link NumberNormaliser}; what cannot be read is
 *       refused with 484 and a reason that says why.</li>
 *   <li>The route is the {@code routes} row with the longest prefix the number starts with. Prefixes
 *       are E.164 ({@code "+1"}, {@code "+49"}; {@code ""} matches every number); a prefix written
 *       without {@code +} is read as E.164 digits ({@code "49"} is {@code "+49"}), never as national
 *       digits. A route with no trunks, or no route at all: 404 No Route.</li>
 *   <li>The route's trunks are ordered cheapest first by {@code rates}: each trunk's rate for the
 *       number is its {@code rates[]} row with the longest matching prefix; unrated trunks come after
 *       rated ones; equal rates by {@code trunks.NAME.priority} (lower first), then by their order in
 *       the route. The first is tried first; the others are the failover order.</li>
 *   <li>Each target carries the number in the trunk's {@code number-format} behind its
 *       {@code tech-prefix}, the trunk's host, effective port and transport, the caller ID (the
 *       user's, else the trunk's, else none), and the rate used to order it.</li>
 * </ol>
 *
 * <p>Immutable and thread-safe; the tables are built once, a call only reads them; nothing blocks.
 */
public final class DefaultRoutePolicy implements RoutePolicy {

    /** The reason phrase of a number no route leads to. */
    public static final String NO_ROUTE = "No Route";

    private static final Comparator<Candidate> CHEAPEST_FIRST = Comparator
            .comparing((Candidate c) -> c.rate().isEmpty())
            .thenComparing(c -> c.rate().orElse(BigDecimal.ZERO))
            .thenComparingInt(c -> c.trunk().priority())
            .thenComparingInt(Candidate::position);

    private final NumberNormaliser numbers;
    private final PrefixTable<List<Candidate>> routes;
    private final Map<String, PrefixTable<BigDecimal>> ratesByTrunk;

    /** One trunk of a route, with the rate it charges for the number being routed (once known). */
    private record Candidate(String name, TrunkConfig trunk, int position, Optional<BigDecimal> rate) {
        Candidate priced(Optional<BigDecimal> price) {
            return new Candidate(name, trunk, position, price);
        }
    }

    /** The policy of a whole configuration: its routes, trunks, rates and countries. */
    public DefaultRoutePolicy(SipCallConfig config) {
        this(config.routes(), config.trunks(), config.rates(), NumberNormaliser.of(config));
    }

    /**
     * The policy of a configuration's routes and countries over the trunks and rates of
     * {@code directory}, following them as they change (see {@link DirectoryRoutePolicy}).
     *
     * @throws IllegalArgumentException naming the key, as the constructors do
     */
    public static DirectoryRoutePolicy following(SipCallConfig config, Directory directory) {
        return new DirectoryRoutePolicy(config.routes(), directory, NumberNormaliser.of(config));
    }

    /**
     * @param routes  the routing table ({@code routes})
     * @param trunks  the trunks by name ({@code trunks}); every trunk a route or rate names must be here
     * @param rates   what trunks charge ({@code rates}), all in one currency
     * @param numbers reads dialled numbers (holds {@code routing.default-country})
     * @throws IllegalArgumentException naming the key, for an unknown trunk, a prefix that is not
     *                                  E.164 or rates in more than one currency
     */
    public DefaultRoutePolicy(List<RouteConfig> routes, Map<String, TrunkConfig> trunks, List<RateConfig> rates,
            NumberNormaliser numbers) {
        this.numbers = numbers;
        this.routes = routeTable(routes, trunks);
        this.ratesByTrunk = rateTables(rates, trunks);
    }

    @Override
    public RouteDecision route(RouteRequest request) {
        NumberNormaliser.Result read = numbers.normalise(request);
        if (read instanceof NumberNormaliser.Result.Invalid invalid) {
            return invalid.reject();
        }
        E164Number number = ((NumberNormaliser.Result.Valid) read).number();
        List<Candidate> candidates = routes.longestMatch(number).map(PrefixTable.Row::value).orElse(List.of());
        if (candidates.isEmpty()) {
            return new RouteDecision.Reject(404, NO_ROUTE);
        }
        Optional<String> callerId = Targets.callerIdOf(request);
        return new RouteDecision.Route(candidates.stream()
                .map(candidate -> candidate.priced(rate(candidate.name(), number)))
                .sorted(CHEAPEST_FIRST)
                .map(candidate -> Targets.to(candidate.name(), candidate.trunk(), number, numbers.defaultCountry(),
                        callerId, candidate.rate()))
                .toList());
    }

    private Optional<BigDecimal> rate(String trunk, E164Number number) {
        PrefixTable<BigDecimal> rates = ratesByTrunk.get(trunk);
        return rates == null ? Optional.empty() : rates.longestMatch(number).map(PrefixTable.Row::value);
    }

    private static PrefixTable<List<Candidate>> routeTable(List<RouteConfig> routes, Map<String, TrunkConfig> trunks) {
        List<PrefixTable.Row<List<Candidate>>> rows = new ArrayList<>();
        for (int i = 0; i < routes.size(); i++) {
            RouteConfig route = routes.get(i);
            String key = "routes[" + i + "]";
            List<Candidate> candidates = new ArrayList<>();
            for (String name : new LinkedHashSet<>(route.trunks())) {
                candidates.add(new Candidate(name, known(trunks, name, key + ".trunks"), candidates.size(), Optional.empty()));
            }
            rows.add(new PrefixTable.Row<>(Numbers.e164Prefix(route.prefix(), key + ".prefix"), List.copyOf(candidates)));
        }
        return PrefixTable.of(rows);
    }

    private static Map<String, PrefixTable<BigDecimal>> rateTables(List<RateConfig> rates, Map<String, TrunkConfig> trunks) {
        Map<String, List<PrefixTable.Row<BigDecimal>>> rows = new HashMap<>();
        String currency = null;
        for (int i = 0; i < rates.size(); i++) {
            RateConfig rate = rates.get(i);
            String key = "rates[" + i + "]";
            known(trunks, rate.trunk(), key + ".trunk");
            if (currency != null && !currency.equals(rate.currency())) {
                throw new IllegalArgumentException(key + ".currency: all rates must be in one currency, found "
                        + currency + " and " + rate.currency());
            }
            currency = rate.currency();
            rows.computeIfAbsent(rate.trunk(), trunk -> new ArrayList<>())
                    .add(new PrefixTable.Row<>(Numbers.e164Prefix(rate.prefix(), key + ".prefix"), rate.pricePerMinute()));
        }
        Map<String, PrefixTable<BigDecimal>> tables = new HashMap<>();
        rows.forEach((trunk, trunkRows) -> tables.put(trunk, PrefixTable.of(trunkRows)));
        return Map.copyOf(tables);
    }

    private static TrunkConfig known(Map<String, TrunkConfig> trunks, String name, String key) {
        TrunkConfig trunk = trunks.get(name);
        if (trunk == null) {
            throw new IllegalArgumentException(key + ": unknown trunk \"" + name + "\"");
        }
        return trunk;
    }
}
