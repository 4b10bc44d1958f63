package io.sipcall.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The rules a bound configuration must satisfy beyond each value's type: listeners, TLS material,
 * routes and the gateway here; trunks, users, rates and toll fraud in {@link TrunkValidator},
 * {@link UserValidator} and {@link PolicyValidator}. The first rule broken is thrown as a
 * {@link ConfigException} naming its key.
 */
final class ConfigValidator {

    private static final List<String> TLS_PROTOCOLS = List.of("TLSv1.2", "TLSv1.3");
    private static final String PREFIX = "\\+?[0-9]*";
    private static final Duration MIN_NONCE_LIFETIME = Duration.ofSeconds(10);
    private static final Duration MAX_NONCE_LIFETIME = Duration.ofHours(1);

    private ConfigValidator() {
    }

    static SipCallConfig validate(SipCallConfig config) {
        if (config.dataDir().toString().isBlank()) {
            throw new ConfigException("data-dir", "must not be blank");
        }
        sip(config.sip());
        tls(config.sip().tls());
        TrunkValidator.validate(config.trunks());
        routes(config.routes(), config.trunks().keySet());
        gateway(config.gateway());
        // Before the users: a user without default-country has routing.default-country's, and a
        // bad one must be reported under its own key.
        PolicyValidator.validate(config);
        UserValidator.validate(config.users());
        StorageValidator.validate(config);
        return config;
    }

    private static void sip(SipConfig sip) {
        if (sip.bindAddress().isBlank()) {
            throw new ConfigException("sip.bind-address", "must not be blank (0.0.0.0 binds every address)");
        }
        if (sip.udpPort() == 0 && sip.tcpPort() == 0 && sip.tlsPort() == 0) {
            throw new ConfigException("sip", "every SIP listener is disabled (sip.udp-port, sip.tcp-port and "
                    + "sip.tls-port are all 0); enable at least one");
        }
        if (sip.tlsPort() != 0 && (sip.tlsPort() == sip.udpPort() || sip.tlsPort() == sip.tcpPort())) {
            String other = sip.tlsPort() == sip.udpPort() ? "sip.udp-port" : "sip.tcp-port";
            throw new ConfigException("sip.tls-port", "must differ from " + other + " (both are "
                    + sip.tlsPort() + "); UDP and TCP may share a port, TLS may not");
        }
    }

    private static void tls(TlsConfig tls) {
        if (tls.certificate().isPresent() != tls.privateKey().isPresent()) {
            String missing = tls.certificate().isPresent() ? "sip.tls.private-key" : "sip.tls.certificate";
            String given = tls.certificate().isPresent() ? "sip.tls.certificate" : "sip.tls.private-key";
            throw new ConfigException(missing, "is required when " + given + " is given; give both, or "
                    + "neither for a self-signed certificate");
        }
        readableFile("sip.tls.certificate", tls.certificate());
        readableFile("sip.tls.private-key", tls.privateKey());
        if (tls.protocols().isEmpty()) {
            throw new ConfigException("sip.tls.protocols", "must list at least one of " + TLS_PROTOCOLS);
        }
        for (String protocol : tls.protocols()) {
            if (!TLS_PROTOCOLS.contains(protocol)) {
                throw new ConfigException("sip.tls.protocols", "'" + protocol + "' is not allowed; allowed: "
                        + String.join(", ", TLS_PROTOCOLS));
            }
        }
    }

    private static void readableFile(String key, Optional<Path> file) {
        if (file.isPresent() && !(Files.isRegularFile(file.get()) && Files.isReadable(file.get()))) {
            throw new ConfigException(key, "file " + file.get().toAbsolutePath()
                    + " does not exist or is not readable");
        }
    }

    /** Digest realms are quoted strings in WWW-Authenticate (RFC 7616 3.3): no quotes or backslashes. */
    private static void gateway(GatewayConfig gateway) {
        String realm = gateway.realm();
        if (realm.isBlank() || realm.chars().anyMatch(c -> c == '"' || c == '\\' || Character.isISOControl(c))) {
            throw new ConfigException("gateway.realm", "must not be blank, and must not contain '\"', '\\' "
                    + "or control characters");
        }
        for (int i = 0; i < gateway.trustedPeers().size(); i++) {
            Formats.addressOrCidr(Keys.index("gateway.trusted-peers", i), gateway.trustedPeers().get(i));
        }
        for (int i = 0; i < gateway.trustedCertificates().size(); i++) {
            java.nio.file.Path file = gateway.trustedCertificates().get(i);
            if (!java.nio.file.Files.isReadable(file)) {
                throw new ConfigException(Keys.index("gateway.trusted-certificates", i),
                        "file " + file + " does not exist or cannot be read");
            }
        }
        Duration lifetime = gateway.nonceLifetime();
        if (lifetime.compareTo(MIN_NONCE_LIFETIME) < 0 || lifetime.compareTo(MAX_NONCE_LIFETIME) > 0) {
            throw new ConfigException("gateway.nonce-lifetime", "must be from 10s to 1h, got "
                    + Durations.format(lifetime));
        }
    }

    private static void routes(List<RouteConfig> routes, Set<String> trunkNames) {
        Map<String, Integer> prefixes = new HashMap<>();
        for (int i = 0; i < routes.size(); i++) {
            RouteConfig route = routes.get(i);
            String key = Keys.index(Keys.ROUTES, i);
            if (!route.prefix().matches(PREFIX)) {
                throw new ConfigException(key + ".prefix", "must be digits with an optional leading '+' "
                        + "(\"\" matches every number), got '" + route.prefix() + "'");
            }
            Integer earlier = prefixes.putIfAbsent(route.prefix(), i);
            if (earlier != null) {
                throw new ConfigException(key + ".prefix", "duplicates routes[" + earlier + "].prefix '"
                        + route.prefix() + "'; each prefix may have one route");
            }
            routeTrunks(route.trunks(), key + ".trunks", trunkNames);
        }
    }

    private static void routeTrunks(List<String> trunks, String key, Set<String> trunkNames) {
        if (trunks.isEmpty()) {
            throw new ConfigException(key, "must name at least one trunk");
        }
        Set<String> seen = new HashSet<>();
        for (String trunk : trunks) {
            if (!trunkNames.contains(trunk)) {
                throw new ConfigException(key, "names trunk '" + trunk + "', which is not defined under trunks"
                        + " (defined: " + (trunkNames.isEmpty() ? "none" : String.join(", ", new TreeSet<>(trunkNames)))
                        + ")");
            }
            if (!seen.add(trunk)) {
                throw new ConfigException(key, "names trunk '" + trunk + "' twice");
            }
        }
    }
}
