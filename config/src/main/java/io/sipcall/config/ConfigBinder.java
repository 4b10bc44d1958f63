package io.sipcall.config;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Binds the merged configuration tree to the records: rejects unknown keys and converts each
 * value to its type. Rules that relate keys to each other are {@link ConfigValidator}'s.
 */
final class ConfigBinder {

    private static final List<String> TOP_KEYS = List.of("data-dir", "sip", "trunks", "routes", "media");
    private static final List<String> SIP_KEYS = List.of("bind-address", "advertised-address",
            "udp-port", "tcp-port", "tls-port", "tls", "no-answer-timeout", "trunk-response-timeout", "max-call-duration",
            "worker-threads");
    private static final List<String> TLS_KEYS = List.of("certificate", "private-key", "protocols");
    private static final List<String> MEDIA_KEYS = List.of("anchor");

    private ConfigBinder() {
    }

    static SipCallConfig bind(ObjectNode tree) {
        Section top = Section.root(tree).only(TOP_KEYS);
        return new SipCallConfig(
                top.path("data-dir"),
                sip(top.section("sip")),
                trunks(top.section(Keys.TRUNKS)),
                routes(top.sections(Keys.ROUTES)),
                media(top.section("media")),
                Map.of(),
                new GatewayConfig("sipcall", List.of(), java.time.Duration.ofMinutes(5),
                        new GatewayConfig.AuthFailures(5, java.time.Duration.ofSeconds(60), java.time.Duration.ofMinutes(10))),
                List.of(),
                TollFraudConfig.DEFAULT,
                new RoutingConfig("US"));
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

    /** A trunk's port defaults to 0 (the transport's default port), its transport to UDP (RFC 3261 18). */
    private static Map<String, TrunkConfig> trunks(Section trunks) {
        Map<String, TrunkConfig> result = new LinkedHashMap<>();
        for (String name : trunks.names()) {
            Section trunk = trunks.section(name).only(Keys.TRUNK_FIELDS);
            result.put(name, TrunkConfig.simple(
                    trunk.string("host"),
                    trunk.has("port") ? trunk.port("port") : 0,
                    trunk.has("transport") ? trunk.enumValue("transport", Transport.class) : Transport.UDP));
        }
        return result;
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
}
