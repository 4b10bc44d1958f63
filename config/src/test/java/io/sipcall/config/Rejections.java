package io.sipcall.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.assertj.core.api.AbstractThrowableAssert;

/** Asserts that a configuration is rejected with a {@link ConfigException} naming a given key. */
final class Rejections {

    private final ConfigFiles files;

    Rejections(ConfigFiles files) {
        this.files = files;
    }

    AbstractThrowableAssert<?, ? extends Throwable> rejects(String yaml, String key) {
        return rejects(yaml, Map.of(), key);
    }

    AbstractThrowableAssert<?, ? extends Throwable> rejects(String yaml, Map<String, String> env, String key) {
        return assertThatThrownBy(() -> files.load(yaml, env))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key()).isEqualTo(key));
    }
}
