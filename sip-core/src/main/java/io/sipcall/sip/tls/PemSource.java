package io.sipcall.sip.tls;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A PEM file and, when it came from configuration, the key that named it; {@link #describe()} is
 * what error messages show.
 */
record PemSource(String configKey, Path file) {

    PemSource {
        Objects.requireNonNull(file, "file");
    }

    static PemSource configured(String configKey, Path file) {
        return new PemSource(Objects.requireNonNull(configKey, "configKey"), file);
    }

    static PemSource file(Path file) {
        return new PemSource(null, file);
    }

    String describe() {
        return configKey == null ? file.toString() : configKey + " (" + file + ")";
    }

    TlsMaterialException problem(String problem) {
        return new TlsMaterialException(describe(), problem);
    }

    TlsMaterialException problem(String problem, Throwable cause) {
        return new TlsMaterialException(describe(), problem, cause);
    }
}
