package io.sipcall.config;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sipcall.config.UserConfig.Role;
import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Binds the merged configuration tree to the records: rejects unknown keys and converts each
 * value to its type. Rules that relate keys to each other are {@link ConfigValidator}'s. Trunks
 * and users, whose keys have defaults that depend on other keys, are {@link TrunkBinder}'s and
 * {@link UserBinder}'s.
 */
final class ConfigBinder {

    private static final List<String> TOP_KEYS = List.of("data-dir", "sip", Keys.TRUNKS, Keys.ROUTES, "media",
            Keys.USERS, Keys.GATEWAY, Keys.RATES, Keys.TOLL_FRAUD, Keys.ROUTING,
            Keys.DATABASE, Keys.ENCRYPTION, Keys.RETENTION);
    private static final List<String> SIP_KEYS = List.of("bind-address", "advertised-address",
            "udp-port", "tcp-port", "tls-port", "tls", "no-answer-timeout", "trunk-response-timeout", "max-call-duration",
            "worker-threads");
    private static final List<String> TLS_KEYS = List.of("certificate", "private-key", "protocols");
    private static final List<String> MEDIA_KEYS = List.of("anchor");
    private static final List<String> GATEWAY_KEYS = List.of("realm", "trusted-peers", "trusted-certificates",
            "nonce-lifetime",
            "auth-failures");
    private static final List<String> AUTH_FAILURES_KEYS = List.of("max-failures", "window", "block-for");
    private static final List<String> ROUTING_KEYS = List.of("default-country");
    private static final List<String> DATABASE_KEYS = List.of("url", "username", "password", "pool-size",
            "connect-timeout", "startup-timeout", "retry-interval");
    private static final List<String> ENCRYPTION_KEYS = List.of("active-key", "keys", "lookup-key");
    private static final List<String> RETENTION_KEYS = List.of("call-records-days", "audit-log-days", "interval");

    private ConfigBinder() {
    }

    static SipCallConfig bind(ObjectNode tree) {
        Section top = Section.root(tree).only(TOP_KEYS);
        GatewayConfig gateway = gateway(top.section(Keys.GATEWAY));
        RoutingConfig routing = routing(top.section(Keys.ROUTING));
        return new SipCallConfig(
                top.path("data-dir"),
                sip(top.section("sip")),
                TrunkBinder.bind(top.section(Keys.TRUNKS)),
                routes(top.sections(Keys.ROUTES)),
                media(top.section("media")),
                UserBinder.bind(top.section(Keys.USERS), gateway.realm(), routing.defaultCountry()),
                gateway,
                rates(top.sections(Keys.RATES)),
                tollFraud(top.section(Keys.TOLL_FRAUD)),
                routing,
                database(top.section(Keys.DATABASE)),
                encryption(top.section(Keys.ENCRYPTION)),
                retention(top.section(Keys.RETENTION)));
    }

    private static DatabaseConfig database(Section db) {
        db.only(DATABASE_KEYS);
        return new DatabaseConfig(
                db.optionalString("url"),
                db.string("username"),
                db.optionalString("password").map(Secret::new),
                db.integer("pool-size", 1, 1_000),
                db.duration("connect-timeout"),
                db.duration("startup-timeout"),
                db.duration("retry-interval"));
    }

    /** Key material is kept as {@link Secret}s; its shape is {@link ConfigValidator}'s to check. */
    private static EncryptionConfig encryption(Section encryption) {
        encryption.only(ENCRYPTION_KEYS);
        Section keys = encryption.section("keys");
        Map<String, Secret> byId = new java.util.LinkedHashMap<>();
        for (String id : keys.names()) {
            byId.put(id, new Secret(keys.requiredString(id).strip()));
        }
        return new EncryptionConfig(
                encryption.string("active-key").strip(),
                byId,
                encryption.optionalString("lookup-key").map(String::strip).map(Secret::new));
    }

    private static RetentionConfig retention(Section retention) {
        retention.only(RETENTION_KEYS);
        return new RetentionConfig(
                retention.integer("call-records-days", 1, 36_500),
                retention.integer("audit-log-days", 1, 36_500),
                retention.duration("interval"));
    }

    private static SipConfig sip(Section sip) {
        sip.only(SIP_KEYS);
        return new SipConfig(
                sip.string("bind-address"),
                sip.string("advertised-address"),
                sip.port("udp-port"),
                sip.port("tcp-port"),
                sip.port("tls-port"),
                tls(sip.section("tls")),
                sip.duration("no-answer-timeout"),
                sip.duration("trunk-response-timeout"),
                sip.duration("max-call-duration"),
                sip.integer("worker-threads", 0, 10_000));
    }

    private static TlsConfig tls(Section tls) {
        tls.only(TLS_KEYS);
        return new TlsConfig(
                tls.optionalPath("certificate"),
                tls.optionalPath("private-key"),
                tls.strings("protocols"));
    }

    private static List<RouteConfig> routes(List<Section> routes) {
        return routes.stream()
                .map(route -> route.only(Keys.ROUTE_FIELDS))
                .map(route -> new RouteConfig(route.requiredString("prefix"), route.strings("trunks")))
                .toList();
    }

    private static MediaConfig media(Section media) {
        media.only(MEDIA_KEYS);
        return new MediaConfig(media.enumValue("anchor", MediaConfig.MediaAnchorKind.class));
    }

    private static GatewayConfig gateway(Section gateway) {
        gateway.only(GATEWAY_KEYS);
        Section failures = gateway.section("auth-failures").only(AUTH_FAILURES_KEYS);
        return new GatewayConfig(
                gateway.string("realm"),
                gateway.strings("trusted-peers"),
                gateway.strings("trusted-certificates").stream().map(java.nio.file.Path::of).toList(),
                gateway.duration("nonce-lifetime"),
                new GatewayConfig.AuthFailures(
                        failures.integerAtLeast("max-failures", 1),
                        failures.duration("window"),
                        failures.duration("block-for")));
    }

    private static RoutingConfig routing(Section routing) {
        routing.only(ROUTING_KEYS);
        return new RoutingConfig(Formats.normaliseCountry(routing.string("default-country")));
    }

    /** Prices are read from their text as decimals, never through a {@code double}. */
    private static List<RateConfig> rates(List<Section> rates) {
        return rates.stream()
                .map(rate -> rate.only(Keys.RATE_FIELDS))
                .map(rate -> new RateConfig(
                        rate.requiredString("prefix"),
                        rate.requiredString("trunk"),
                        rate.decimal("price-per-minute", BigDecimal.ZERO, true),
                        rate.requiredString("currency").strip()))
                .toList();
    }

    private static TollFraudConfig tollFraud(Section fraud) {
        fraud.only(Keys.TOLL_FRAUD_FIELDS);
        Section lists = fraud.section("role-allowlists").only(Keys.ROLES);
        Map<Role, List<String>> allowlists = new EnumMap<>(Role.class);
        for (String role : lists.names()) {
            List<String> prefixes = lists.strings(role);
            if (!prefixes.isEmpty()) {
                // One form for "nothing allowed": an empty list is the same as no entry.
                allowlists.put(Role.valueOf(role.toUpperCase(Locale.ROOT)), prefixes);
            }
        }
        return new TollFraudConfig(
                fraud.bool("enabled"),
                fraud.strings("allowed-countries").stream().map(Formats::normaliseCountry).toList(),
                fraud.strings("denied-countries").stream().map(Formats::normaliseCountry).toList(),
                fraud.strings("denied-prefixes"),
                fraud.bool("deny-premium-rate"),
                fraud.bool("deny-satellite"),
                fraud.bool("deny-shared-cost"),
                allowlists);
    }
}
