package io.sipcall.sip.route.testkit;

import io.sipcall.config.Transport;
import io.sipcall.config.TrunkConfig;
import java.util.Objects;
import java.util.Optional;

/**
 * A trunk for a test routing table. Immutable. Defaults: UDP, the transport's default port, numbers as
 * E.164 with {@code +}, no tech prefix, no caller ID, priority 0, IP authentication, no registration,
 * no limits.
 */
public record TrunkBuilder(String host, int port, Transport transport, TrunkConfig.NumberFormat numberFormat,
        String techPrefix, Optional<String> callerId, int priority) {

    public TrunkBuilder {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(numberFormat, "numberFormat");
        techPrefix = techPrefix == null ? "" : techPrefix;
        callerId = callerId == null ? Optional.empty() : callerId;
    }

    static TrunkBuilder at(String host) {
        return new TrunkBuilder(host, 0, Transport.UDP, TrunkConfig.NumberFormat.E164_PLUS, "", Optional.empty(), 0);
    }

    public TrunkBuilder port(int newPort) {
        return new TrunkBuilder(host, newPort, transport, numberFormat, techPrefix, callerId, priority);
    }

    public TrunkBuilder transport(Transport newTransport) {
        return new TrunkBuilder(host, port, newTransport, numberFormat, techPrefix, callerId, priority);
    }

    /** {@code trunks.NAME.number-format}. */
    public TrunkBuilder numberFormat(TrunkConfig.NumberFormat format) {
        return new TrunkBuilder(host, port, transport, format, techPrefix, callerId, priority);
    }

    /** {@code trunks.NAME.tech-prefix}: digits put in front of the formatted number. */
    public TrunkBuilder techPrefix(String digits) {
        return new TrunkBuilder(host, port, transport, numberFormat, digits, callerId, priority);
    }

    /** {@code trunks.NAME.caller-id}: used for users without one. */
    public TrunkBuilder callerId(String e164) {
        return new TrunkBuilder(host, port, transport, numberFormat, techPrefix, Optional.of(e164), priority);
    }

    /** {@code trunks.NAME.priority}: among trunks of equal cost, lower is tried first. */
    public TrunkBuilder priority(int newPriority) {
        return new TrunkBuilder(host, port, transport, numberFormat, techPrefix, callerId, newPriority);
    }

    public TrunkConfig build() {
        return new TrunkConfig(TrunkConfig.TrunkPreset.GENERIC, host, port, transport, Optional.empty(),
                TrunkConfig.TrunkAuth.IP, TrunkConfig.RegistrationConfig.OFF, numberFormat, techPrefix, callerId,
                priority, 0, 0);
    }
}
