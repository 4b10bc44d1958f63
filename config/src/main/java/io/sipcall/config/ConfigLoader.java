package io.sipcall.config;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads the configuration: the built-in defaults ({@code io/sipcall/config/defaults.yml}), the
 * YAML file deep-merged over them (maps merge key by key; lists and scalars replace), then the
 * environment overrides, then binding to the records and validation. Every failure is a
 * {@link ConfigException} whose {@link ConfigException#key() key} names the key, the environment
 * variable or the file at fault.
 *
 * <h2>Environment overrides</h2>
 * Every key can be overridden by an environment variable named {@code SIPCALL_} + the key path
 * upper-cased with {@code .} and {@code -} replaced by {@code _}, list indexes written as numbers:
 * <ul>
 *   <li>{@code SIPCALL_DATA_DIR} sets {@code data-dir};</li>
 *   <li>{@code SIPCALL_SIP_UDP_PORT} sets {@code sip.udp-port};</li>
 *   <li>{@code SIPCALL_TRUNKS_TELNYX_HOST} sets {@code trunks.telnyx.host};</li>
 *   <li>{@code SIPCALL_ROUTES_0_PREFIX} sets {@code routes[0].prefix}.</li>
 * </ul>
 * A list of scalars ({@code sip.tls.protocols}, {@code routes[i].trunks}) takes a comma-separated
 * value: {@code SIPCALL_SIP_TLS_PROTOCOLS=TLSv1.3}.
 *
 * <p>Names are matched against the merged tree (defaults + file): the name after {@code SIPCALL_}
 * is split at {@code _} into segments and walked down the tree; at each map the child key whose
 * normalised name (upper case, {@code .} and {@code -} as {@code _}) matches a prefix of the
 * remaining segments is chosen, the longest match winning ({@code SIP_TLS_PORT} is
 * {@code sip.tls-port}, {@code SIP_TLS_PROTOCOLS} is {@code sip.tls.protocols}). Keys that exist
 * can be overridden, and so can the keys a trunk, a user, a route or a rate may have (and the
 * lists of {@code toll-fraud} and {@code gateway.trusted-peers}) even when the file leaves them
 * out ({@code KeyShape} lists them). Under {@code trunks} and {@code users}, an unknown name segment
 * followed by a key an entry may have creates that entry with the name lower-cased:
 * {@code SIPCALL_TRUNKS_VOIPMS_HOST=toronto.voip.ms} creates trunk {@code voipms},
 * {@code SIPCALL_USERS_ALICE_SIP_USERNAME=alice} creates user {@code alice} with a {@code sip}
 * section. In a list, the index one past the last entry adds an entry:
 * {@code SIPCALL_ROUTES_0_PREFIX=+1} and {@code SIPCALL_ROUTES_0_TRUNKS=voipms} create the first
 * route when the file has none. Variables are applied in name order, numeric segments compared as
 * numbers.
 *
 * <p>Every {@code SIPCALL_} variable that matches no key is an error naming the variable (typo
 * protection), except {@value #CONFIG_FILE_VARIABLE}, which is reserved for the path of the
 * configuration file.
 *
 * <h2>Secrets from files</h2>
 * A variable whose name ends in {@code _FILE} takes its value from the file it names, without the
 * line break(s) the file ends with: {@code SIPCALL_TRUNKS_TELNYX_AUTH_PASSWORD_FILE=/run/secrets/telnyx}
 * sets {@code trunks.telnyx.auth.password}. This works for every key. Setting both a variable and its
 * {@code _FILE} form is an error. Values are never logged; the values of keys whose name contains
 * {@code password}, {@code secret} or {@code ha1} are never put in an error message either.
 */
public final class ConfigLoader {

    /** The environment variable that names the configuration file; read by the application's main. */
    public static final String CONFIG_FILE_VARIABLE = EnvOverrides.CONFIG_VARIABLE;

    private static final Logger LOG = LoggerFactory.getLogger(ConfigLoader.class);
    private static final String DEFAULTS = "defaults.yml";

    private ConfigLoader() {
    }

    /**
     * Loads the configuration with overrides from this process's environment.
     *
     * @param file the YAML file, or empty for the built-in defaults (and the environment) only
     * @throws ConfigException when the file cannot be read or the configuration is invalid
     */
    public static SipCallConfig load(Optional<Path> file) {
        return load(file, System.getenv());
    }

    /**
     * Loads the configuration.
     *
     * @param file the YAML file, or empty for the built-in defaults (and the environment) only
     * @param env  the environment; only variables starting with {@code SIPCALL_} are read
     * @throws ConfigException when the file cannot be read or the configuration is invalid
     */
    public static SipCallConfig load(Optional<Path> file, Map<String, String> env) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(env, "env");
        YamlTree yaml = new YamlTree();
        ObjectNode tree = yaml.readResource(DEFAULTS);
        if (file.isPresent()) {
            tree = TreeMerge.merge(tree, yaml.readFile(file.get()));
        }
        List<String> applied = EnvOverrides.apply(tree, env);
        SipCallConfig config = ConfigValidator.validate(ConfigBinder.bind(tree));
        LOG.info("Configuration loaded from {} with {} environment override(s){}",
                file.map(Path::toString).orElse("built-in defaults"), applied.size(),
                applied.isEmpty() ? "" : ": " + String.join(", ", applied));
        return config;
    }
}
