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
 * @param users    users who may call, by Nextcloud user id; key {@code users}
 * @param gateway  who may send requests from the gateway side; key {@code gateway}
 * @param rates    what trunks charge per destination prefix; key {@code rates}
 * @param tollFraud the toll-fraud guard; key {@code toll-fraud}
 * @param routing  defaults of the default route policy; key {@code routing}
 * @param database where records, users and trunks are kept; key {@code database}
 * @param encryption keys for data at rest; key {@code encryption}
 * @param retention how long personal data is kept; key {@code retention}
 */
public record SipCallConfig(
        Path dataDir,
        SipConfig sip,
        Map<String, TrunkConfig> trunks,
        List<RouteConfig> routes,
        MediaConfig media,
        Map<String, UserConfig> users,
        GatewayConfig gateway,
        List<RateConfig> rates,
        TollFraudConfig tollFraud,
        RoutingConfig routing,
        DatabaseConfig database,
        EncryptionConfig encryption,
        RetentionConfig retention) {

    public SipCallConfig {
        Objects.requireNonNull(dataDir, "data-dir");
        Objects.requireNonNull(sip, "sip");
        Objects.requireNonNull(media, "media");
        trunks = trunks == null ? Map.of() : Map.copyOf(trunks);
        routes = routes == null ? List.of() : List.copyOf(routes);
        users = users == null ? Map.of() : Map.copyOf(users);
        Objects.requireNonNull(gateway, "gateway");
        rates = rates == null ? List.of() : List.copyOf(rates);
        Objects.requireNonNull(tollFraud, "toll-fraud");
        Objects.requireNonNull(routing, "routing");
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(encryption, "encryption");
        Objects.requireNonNull(retention, "retention");
    }
}
