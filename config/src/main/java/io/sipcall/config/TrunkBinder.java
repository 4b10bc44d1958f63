package io.sipcall.config;

import io.sipcall.config.TrunkConfig.AuthMode;
import io.sipcall.config.TrunkConfig.NumberFormat;
import io.sipcall.config.TrunkConfig.RegistrationConfig;
import io.sipcall.config.TrunkConfig.TrunkAuth;
import io.sipcall.config.TrunkConfig.TrunkPreset;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Binds {@code trunks.NAME} entries. A trunk's keys default from its preset; any key given
 * explicitly wins over the preset.
 */
final class TrunkBinder {

    /** RFC 3261 10.2.1 suggests 3600 s when a REGISTER names no expiry. */
    static final Duration DEFAULT_EXPIRY = Duration.ofHours(1);

    private TrunkBinder() {
    }

    /**
     * What a preset fills in.
     *
     * @param host                   the host, or {@code ""} when the trunk must give one
     * @param numberFormat           how numbers are written to the trunk
     * @param maxCallsPerSecond      0 = unlimited
     * @param credentialsWithoutUser whether auth is {@code credentials} even when no user name is given
     * @param registers              whether the trunk registers by default when it authenticates with
     *                               credentials
     */
    private record PresetDefaults(String host, NumberFormat numberFormat, double maxCallsPerSecond,
                                  boolean credentialsWithoutUser, boolean registers) {

        static PresetDefaults of(TrunkPreset preset) {
            return switch (preset) {
                case TELNYX -> new PresetDefaults("sip.telnyx.com", NumberFormat.E164_PLUS, 20, false, false);
                // VoIP.ms has one server per city (toronto.voip.ms, ...): no default host.
                case VOIPMS -> new PresetDefaults("", NumberFormat.E164, 0, true, true);
                case GENERIC -> new PresetDefaults("", NumberFormat.E164_PLUS, 0, false, false);
            };
        }

        /** Credentials when a user name is given (or the provider always wants them), else IP. */
        AuthMode authMode(boolean usernameGiven) {
            return usernameGiven || credentialsWithoutUser ? AuthMode.CREDENTIALS : AuthMode.IP;
        }

        /**
         * Whether registration is on by default: only where the preset registers and the trunk
         * authenticates with credentials, so {@code auth.mode: ip} alone turns a VoIP.ms trunk's
         * registration off too.
         */
        boolean registersWith(AuthMode mode) {
            return registers && mode == AuthMode.CREDENTIALS;
        }
    }

    static Map<String, TrunkConfig> bind(Section trunks) {
        Map<String, TrunkConfig> result = new LinkedHashMap<>();
        for (String name : trunks.names()) {
            result.put(name, trunk(trunks.section(name).only(Keys.TRUNK_FIELDS)));
        }
        return result;
    }

    private static TrunkConfig trunk(Section trunk) {
        TrunkPreset preset = trunk.has("preset") ? trunk.enumValue("preset", TrunkPreset.class) : TrunkPreset.GENERIC;
        PresetDefaults defaults = PresetDefaults.of(preset);
        TrunkAuth auth = auth(trunk.section("auth").only(Keys.TRUNK_AUTH_FIELDS), defaults);
        return new TrunkConfig(
                preset,
                trunk.has("host") ? trunk.string("host") : defaults.host(),
                trunk.has("port") ? trunk.port("port") : 0,
                trunk.has("transport") ? trunk.enumValue("transport", Transport.class) : Transport.UDP,
                trunk.optionalString("outbound-proxy"),
                auth,
                registration(trunk.section("registration").only(Keys.TRUNK_REGISTRATION_FIELDS),
                        defaults.registersWith(auth.mode())),
                trunk.has("number-format") ? trunk.enumValue("number-format", NumberFormat.class)
                        : defaults.numberFormat(),
                trunk.string("tech-prefix"),
                trunk.optionalString("caller-id"),
                trunk.has("priority") ? trunk.integerAtLeast("priority", 0) : 0,
                trunk.has("max-channels") ? trunk.integerAtLeast("max-channels", 0) : 0,
                trunk.has("max-calls-per-second")
                        ? trunk.decimal("max-calls-per-second", BigDecimal.ZERO, true).doubleValue()
                        : defaults.maxCallsPerSecond());
    }

    /** An empty password is no password; the password is kept as a {@link Secret}. */
    private static TrunkAuth auth(Section auth, PresetDefaults defaults) {
        String username = auth.string("username");
        String password = auth.string("password");
        AuthMode mode = auth.has("mode") ? auth.enumValue("mode", AuthMode.class)
                : defaults.authMode(!username.isBlank());
        return new TrunkAuth(mode, username, password.isEmpty() ? Optional.empty() : Optional.of(new Secret(password)));
    }

    private static RegistrationConfig registration(Section registration, boolean enabledByDefault) {
        return new RegistrationConfig(
                registration.has("enabled") ? registration.bool("enabled") : enabledByDefault,
                registration.has("expiry") ? registration.duration("expiry") : DEFAULT_EXPIRY);
    }
}
