package io.sipcall.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The whole configuration of one SIPCall instance.
 *
 * @param dataDir  directory for everything the instance keeps on disk (generated TLS material,
 *                 embedded database, spool); key {@code data-dir}
 * @param sip      the SIP stack and B2BUA; key {@code sip}
 * @param trunks   SIP trunks by name; key {@code trunks}
 * @param routes   routing table used by the default route policy; key {@code routes}
 * @param media    media anchoring; key {@code media}
 */
public record SipCallConfig(
        Path dataDir,
        SipConfig sip,
        Map<String, TrunkConfig> trunks,
        List<RouteConfig> routes,
        MediaConfig media) {

    public SipCallConfig {
        Objects.requireNonNull(dataDir, "data-dir");
        Objects.requireNonNull(sip, "sip");
        Objects.requireNonNull(media, "media");
        trunks = trunks == null ? Map.of() : Map.copyOf(trunks);
        routes = routes == null ? List.of() : List.copyOf(routes);
    }
}
