package io.sipcall.config;

import io.sipcall.config.TrunkConfig.AuthMode;
import io.sipcall.config.TrunkConfig.TrunkPreset;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/** The rules of {@code trunks.NAME} entries; trunks are checked in name order. */
final class TrunkValidator {

    private static final String TRUNK_NAME = "[A-Za-z0-9][A-Za-z0-9_-]*";
    private static final String TECH_PREFIX = "[0-9*#]*";
    /** Bounds of a requested registration lifetime: short enough to notice a lost binding, long enough not to flood. */
    private static final Duration MIN_EXPIRY = Duration.ofSeconds(60);
    private static final Duration MAX_EXPIRY = Duration.ofHours(24);

    private TrunkValidator() {
    }

    static void validate(Map<String, TrunkConfig> trunks) {
        for (String name : new TreeSet<>(trunks.keySet())) {
            String key = Keys.child(Keys.TRUNKS, name);
            if (!name.matches(TRUNK_NAME)) {
                throw new ConfigException(key, "a trunk name must start with a letter or digit and "
                        + "contain only letters, digits, '-' and '_'");
            }
            TrunkConfig trunk = trunks.get(name);
            host(key, trunk);
            auth(key, name, trunk);
            registration(key, trunk);
            trunk.outboundProxy().ifPresent(proxy -> Formats.hostAndPort(key + ".outbound-proxy", proxy));
            if (!trunk.techPrefix().matches(TECH_PREFIX)) {
                throw new ConfigException(key + ".tech-prefix", "must be digits, '*' and '#' only, got '"
                        + trunk.techPrefix() + "'");
            }
            trunk.callerId().ifPresent(callerId -> Formats.e164(key + ".caller-id", callerId));
        }
    }

    private static void host(String key, TrunkConfig trunk) {
        String host = trunk.host();
        if (host.isBlank() && trunk.preset() == TrunkPreset.VOIPMS) {
            throw new ConfigException(key + ".host", "is required with preset voipms: VoIP.ms has one server "
                    + "per city, e.g. toronto.voip.ms or newyork1.voip.ms; use the one your account is on");
        }
        if (host.isBlank() || !host.strip().equals(host) || host.chars().anyMatch(Character::isWhitespace)) {
            throw new ConfigException(key + ".host", "must be a host name or IP address, "
                    + "not blank and without spaces");
        }
    }

    private static void auth(String key, String name, TrunkConfig trunk) {
        if (trunk.auth().mode() != AuthMode.CREDENTIALS) {
            return;
        }
        if (trunk.auth().username().isBlank()) {
            throw new ConfigException(key + ".auth.username", "is required when auth.mode is credentials");
        }
        if (trunk.auth().password().isEmpty()) {
            throw new ConfigException(key + ".auth.password", "is required when auth.mode is credentials; "
                    + "keep it out of the file with SIPCALL_TRUNKS_" + String.join("_", EnvOverride.normalise(name))
                    + "_AUTH_PASSWORD_FILE");
        }
    }

    private static void registration(String key, TrunkConfig trunk) {
        if (trunk.registration().enabled() && trunk.auth().mode() != AuthMode.CREDENTIALS) {
            throw new ConfigException(key + ".registration.enabled", "registration needs auth.mode credentials "
                    + "(auth.mode is " + trunk.auth().mode().name().toLowerCase(Locale.ROOT) + ")");
        }
        Duration expiry = trunk.registration().expiry();
        if (expiry.compareTo(MIN_EXPIRY) < 0 || expiry.compareTo(MAX_EXPIRY) > 0) {
            throw new ConfigException(key + ".registration.expiry", "must be from 60s to 24h, got "
                    + Durations.format(expiry));
        }
    }
}
