package io.sipcall.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** Writes configuration files into a test's temporary directory and loads them. */
final class ConfigFiles {

    private final Path dir;

    ConfigFiles(Path dir) {
        this.dir = dir;
    }

    /** Writes {@code content} to {@code name} in the temporary directory. */
    Path write(String name, String content) {
        try {
            return Files.writeString(dir.resolve(name), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    SipCallConfig load(String yaml) {
        return load(yaml, Map.of());
    }

    SipCallConfig load(String yaml, Map<String, String> env) {
        return ConfigLoader.load(Optional.of(write("sipcall.yml", yaml)), env);
    }

    static SipCallConfig loadEnv(Map<String, String> env) {
        return ConfigLoader.load(Optional.empty(), env);
    }
}
