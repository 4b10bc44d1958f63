package io.sipcall.config;

import java.util.Objects;
import java.util.Optional;

/**
 * A SIP trunk calls are sent to. A {@code preset} fills in a provider's defaults, which any key
 * given explicitly overrides.
 *
 * @param preset            provider preset; key {@code trunks.NAME.preset}: {@code telnyx}, {@code voipms},
 *                          {@code generic} (default)
 * @param host              the trunk's domain / registrar / proxy host; key {@code trunks.NAME.host}
 *                          (Telnyx preset: {@code sip.telnyx.com})
 * @param port              port; key {@code trunks.NAME.port}; 0 means the transport's default
 * @param transport         {@code udp}, {@code tcp} or {@code tls}; key {@code trunks.NAME.transport}
 * @param outboundProxy     {@code host[:port]} to send every request to instead of {@code host};
 *                          key {@code trunks.NAME.outbound-proxy}
 * @param auth              how we authenticate to the trunk; key {@code trunks.NAME.auth}
 * @param registration      outbound REGISTER; key {@code trunks.NAME.registration}
 * @param numberFormat      how the dialled E.164 number is written in the Request-URI; key
 *                          {@code trunks.NAME.number-format} (Telnyx: {@code e164-plus})
 * @param techPrefix        digits put in front of the formatted number; key {@code trunks.NAME.tech-prefix}
 * @param callerId          E.164 caller ID used when the user has none; key {@code trunks.NAME.caller-id}
 * @param priority          among trunks of equal cost, lower is tried first; key {@code trunks.NAME.priority}
 * @param maxChannels       most concurrent calls on this trunk, 0 = unlimited; key {@code trunks.NAME.max-channels}
 * @param maxCallsPerSecond most new calls per second, 0 = unlimited; key
 *                          {@code trunks.NAME.max-calls-per-second} (Telnyx preset: 20)
 */
public record TrunkConfig(
        TrunkPreset preset,
        String host,
        int port,
        Transport transport,
        Optional<String> outboundProxy,
        TrunkAuth auth,
        RegistrationConfig registration,
        NumberFormat numberFormat,
        String techPrefix,
        Optional<String> callerId,
        int priority,
        int maxChannels,
        double maxCallsPerSecond) {

    public TrunkConfig {
        Objects.requireNonNull(preset, "preset");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(transport, "transport");
        outboundProxy = outboundProxy == null ? Optional.empty() : outboundProxy;
        Objects.requireNonNull(auth, "auth");
        Objects.requireNonNull(registration, "registration");
        Objects.requireNonNull(numberFormat, "number-format");
        techPrefix = techPrefix == null ? "" : techPrefix;
        callerId = callerId == null ? Optional.empty() : callerId;
    }

    /** A plain trunk: no auth, no registration, numbers as E.164 with {@code +}, no limits. */
    public static TrunkConfig simple(String host, int port, Transport transport) {
        return new TrunkConfig(TrunkPreset.GENERIC, host, port, transport, Optional.empty(), TrunkAuth.IP,
                RegistrationConfig.OFF, NumberFormat.E164_PLUS, "", Optional.empty(), 0, 0, 0);
    }

    /** The port to send to: the configured one, or the transport's default. */
    public int effectivePort() {
        return port == 0 ? transport.defaultPort() : port;
    }

    /** Provider presets. */
    public enum TrunkPreset { GENERIC, TELNYX, VOIPMS }

    /** How a dialled number (always E.164 internally) is written towards the trunk. */
    public enum NumberFormat {
        /** {@code +15551234567} (Telnyx). */
        E164_PLUS,
        /** {@code 15551234567}: E.164 without the plus (VoIP.ms). */
        E164,
        /** The national format without spaces, with the national prefix: {@code 030123456} for +4930123456. */
        NATIONAL
    }

    /**
     * How we authenticate to the trunk.
     *
     * @param mode     {@code credentials} (answer digest challenges, register) or {@code ip} (the trunk
     *                 trusts our address; a challenge is a failure); key {@code trunks.NAME.auth.mode}
     * @param username digest user name; key {@code trunks.NAME.auth.username}
     * @param password digest password, a secret; key {@code trunks.NAME.auth.password} (or
     *                 {@code SIPCALL_TRUNKS_NAME_AUTH_PASSWORD_FILE})
     */
    public record TrunkAuth(AuthMode mode, String username, Optional<Secret> password) {
        public static final TrunkAuth IP = new TrunkAuth(AuthMode.IP, "", Optional.empty());

        public TrunkAuth {
            Objects.requireNonNull(mode, "mode");
            username = username == null ? "" : username;
            password = password == null ? Optional.empty() : password;
        }
    }

    /** Trunk authentication modes. */
    public enum AuthMode { CREDENTIALS, IP }

    /**
     * Outbound registration.
     *
     * @param enabled whether to REGISTER; key {@code trunks.NAME.registration.enabled}
     * @param expiry  requested binding lifetime; key {@code trunks.NAME.registration.expiry} (default 3600s)
     */
    public record RegistrationConfig(boolean enabled, java.time.Duration expiry) {
        public static final RegistrationConfig OFF = new RegistrationConfig(false, java.time.Duration.ofHours(1));

        public RegistrationConfig {
            Objects.requireNonNull(expiry, "expiry");
        }
    }
}
