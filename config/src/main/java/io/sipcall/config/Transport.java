package io.sipcall.config;

import java.util.Locale;

/** SIP transports, as written in config ({@code udp}, {@code tcp}, {@code tls}). */
public enum Transport {
    UDP, TCP, TLS;

    /** The token JAIN-SIP and the Via header use ({@code UDP}, {@code TCP}, {@code TLS}). */
    public String sipName() {
        return name();
    }

    /** The lower-case form used in URIs ({@code ;transport=tcp}) and in config. */
    public String token() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Default port of this transport when a trunk names none (RFC 3261 19.1.2). */
    public int defaultPort() {
        return this == TLS ? 5061 : 5060;
    }
}
