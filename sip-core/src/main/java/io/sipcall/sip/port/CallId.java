package io.sipcall.sip.port;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Objects;

/**
 * SIPCall's own identifier of a call: the key for logs, records and the API. It is unrelated to
 * either leg's SIP Call-ID, which never cross from one side to the other.
 */
public record CallId(String value) {

    private static final SecureRandom RANDOM = new SecureRandom();

    public CallId {
        Objects.requireNonNull(value, "value");
        if (value.isBlank()) {
            throw new IllegalArgumentException("call id is blank");
        }
    }

    /** A new random call id (96 bits, hex). */
    public static CallId random() {
        byte[] bytes = new byte[12];
        RANDOM.nextBytes(bytes);
        return new CallId(HexFormat.of().formatHex(bytes));
    }

    @Override
    public String toString() {
        return value;
    }
}
