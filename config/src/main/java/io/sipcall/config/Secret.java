package io.sipcall.config;

import java.util.Objects;

/**
 * A secret value (a trunk password). Its {@code toString} never shows it, so it cannot leak into
 * logs or error messages by accident; {@link #reveal()} is the one way to read it.
 */
public record Secret(String value) {

    public Secret {
        Objects.requireNonNull(value, "value");
    }

    public String reveal() {
        return value;
    }

    @Override
    public String toString() {
        return "Secret[****]";
    }
}
