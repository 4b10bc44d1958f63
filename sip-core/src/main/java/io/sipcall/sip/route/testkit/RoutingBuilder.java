package io.sipcall.sip.route.testkit;

import io.sipcall.config.RateConfig;
import io.sipcall.config.RouteConfig;
import io.sipcall.config.TrunkConfig;
import io.sipcall.sip.route.DefaultRoutePolicy;
import io.sipcall.sip.route.NumberNormaliser;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The {@code trunks}, {@code routes} and {@code rates} sections and {@code routing.default-country}
 * of a configuration, written in Java, and the {@link DefaultRoutePolicy} they make. Immutable: every
 * method returns a new builder.
 *
 * <pre>{@code
 * DefaultRoutePolicy policy = routing()
 *         .trunk("telnyx", trunk("sip.telnyx.com"))
 *         .trunk("voipms", trunk("chicago.voip.ms").numberFormat(NumberFormat.E164))
 *         .route("+1", "voipms", "telnyx")
 *         .route("", "telnyx")
 *         .rate("+1", "voipms", "0.0085")
 *         .rate("+1", "telnyx", "0.0100")
 *         .defaultCountry("US")
 *         .policy();
 * }</pre>
 */
public final class RoutingBuilder {

    private final Map<String, TrunkConfig> trunks;
    private final List<RouteConfig> routes;
    private final List<RateConfig> rates;
    private final String currency;
    private final String defaultCountry;

    private RoutingBuilder(Map<String, TrunkConfig> trunks, List<RouteConfig> routes, List<RateConfig> rates,
            String currency, String defaultCountry) {
        this.trunks = Collections.unmodifiableMap(new LinkedHashMap<>(trunks));
        this.routes = List.copyOf(routes);
        this.rates = List.copyOf(rates);
        this.currency = Objects.requireNonNull(currency, "currency");
        this.defaultCountry = Objects.requireNonNull(defaultCountry, "defaultCountry");
    }

    /** Nothing configured; rates in USD, default country US (SIPCall's defaults). */
    static RoutingBuilder empty() {
        return new RoutingBuilder(Map.of(), List.of(), List.of(), "USD", "US");
    }

    /** Adds (or replaces) the trunk {@code name}. */
    public RoutingBuilder trunk(String name, TrunkBuilder trunk) {
        Map<String, TrunkConfig> more = new LinkedHashMap<>(trunks);
        more.put(name, trunk.build());
        return new RoutingBuilder(more, routes, rates, currency, defaultCountry);
    }

    /** Adds a row to {@code routes}: numbers starting with {@code prefix} go to {@code trunkNames}. */
    public RoutingBuilder route(String prefix, String... trunkNames) {
        List<RouteConfig> more = new ArrayList<>(routes);
        more.add(RoutePolicyTestKit.route(prefix, trunkNames));
        return new RoutingBuilder(trunks, more, rates, currency, defaultCountry);
    }

    /** Adds a row to {@code rates}, in this builder's currency. */
    public RoutingBuilder rate(String prefix, String trunk, String pricePerMinute) {
        List<RateConfig> more = new ArrayList<>(rates);
        more.add(new RateConfig(prefix, trunk, new BigDecimal(pricePerMinute), currency));
        return new RoutingBuilder(trunks, routes, more, currency, defaultCountry);
    }

    /** The currency of rates added after this (ISO 4217). */
    public RoutingBuilder currency(String code) {
        return new RoutingBuilder(trunks, routes, rates, code, defaultCountry);
    }

    /** {@code routing.default-country}: for users without a country and calls without a user. */
    public RoutingBuilder defaultCountry(String isoCountry) {
        return new RoutingBuilder(trunks, routes, rates, currency, isoCountry);
    }

    public Map<String, TrunkConfig> trunks() {
        return trunks;
    }

    public List<RouteConfig> routes() {
        return routes;
    }

    public List<RateConfig> rates() {
        return rates;
    }

    public String defaultCountry() {
        return defaultCountry;
    }

    /** A normaliser for {@link #defaultCountry()}, as the policy and the guard use. */
    public NumberNormaliser numbers() {
        return new NumberNormaliser(defaultCountry);
    }

    /** The default route policy of this configuration. */
    public DefaultRoutePolicy policy() {
        return new DefaultRoutePolicy(routes, trunks, rates, numbers());
    }
}
