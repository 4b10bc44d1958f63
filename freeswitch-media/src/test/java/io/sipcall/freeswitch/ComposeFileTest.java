package io.sipcall.freeswitch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.sipcall.config.ConfigLoader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * docker-compose.yml and .env.example: YAML that parses, services that restart and report their
 * health, every variable explained, secrets and volumes declared, and an environment that the app's
 * own configuration loader accepts (it refuses unknown SIPCALL_ variables at start).
 */
class ComposeFileTest {

    private static final Set<String> PRODUCTION = Set.of("postgres", "sipcall", "freeswitch", "janus");
    private static final Set<String> QA = Set.of("sipcall-qa", "sipp-uas", "sipp");
    private static final Pattern INTERPOLATION =
            Pattern.compile("\\$\\$|\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([^}]*))?}");

    @TempDir
    Path secrets;

    /** The one-shot load generator: restarting it would repeat the load test forever. */
    private static final String ONE_SHOT = "sipp";

    @Test
    void every_long_running_service_restarts_unless_stopped_and_has_a_health_check() {
        Map<String, Map<String, Object>> services = services();
        assertThat(services.keySet()).containsExactlyInAnyOrderElementsOf(union(PRODUCTION, QA));
        services.forEach((name, service) -> {
            assertThat(service.get("restart")).as(name).isEqualTo(name.equals(ONE_SHOT) ? "no" : "unless-stopped");
            Map<String, Object> healthcheck = map(service.get("healthcheck"));
            assertThat(healthcheck).as(name).containsKey("test");
            assertThat(healthcheck.get("test")).as(name).isNotEqualTo(List.of("NONE"));
        });
    }

    @Test
    void production_is_the_app_postgresql_16_freeswitch_and_the_gateway_and_qa_is_a_profile() {
        Map<String, Map<String, Object>> services = services();
        services.forEach((name, service) -> {
            Object profiles = service.get("profiles");
            if (PRODUCTION.contains(name)) {
                assertThat(profiles).as(name).isNull();
            } else {
                assertThat(profiles).as(name).isEqualTo(List.of("qa"));
            }
        });
        assertThat(services.get("postgres").get("image")).isEqualTo("postgres:16");
        assertThat(build(services.get("freeswitch")).get("context")).isEqualTo("./freeswitch-media");
        assertThat(services.get("janus").get("build")).isEqualTo("./gateway");
        assertThat(services.get("sipcall").get("build")).isEqualTo(".");
    }

    @Test
    void builds_name_folders_and_dockerfiles_that_exist() {
        services().forEach((name, service) -> {
            if (service.containsKey("build")) {
                Map<String, Object> build = build(service);
                Path context = Repo.root().resolve((String) build.get("context")).normalize();
                assertThat(context).as(name).isDirectory();
                String dockerfile = (String) build.getOrDefault("dockerfile", "Dockerfile");
                assertThat(context.resolve(dockerfile)).as(name).isRegularFile();
            }
        });
    }

    @Test
    void the_qa_load_runs_scenarios_of_the_integration_tests() {
        Path scenarios = Repo.root().resolve("integration-tests/src/test/resources/sipp");
        for (String name : List.of("sipp", "sipp-uas")) {
            List<?> command = (List<?>) services().get(name).get("command");
            String file = (String) command.get(command.indexOf("-sf") + 1);
            assertThat(file).startsWith("/scenarios/");
            assertThat(scenarios.resolve(file.substring("/scenarios/".length()))).as(name).isRegularFile();
        }
    }

    @Test
    void every_variable_the_compose_file_reads_is_explained_in_env_example_and_every_one_there_is_used() {
        Set<String> read = new TreeSet<>();
        strings(compose(), value -> {
            Matcher matcher = INTERPOLATION.matcher(value);
            while (matcher.find()) {
                if (matcher.group(1) != null) {
                    read.add(matcher.group(1));
                }
            }
        });
        assertThat(read).isEqualTo(envExample().keySet());
        String example = Repo.read(Repo.root().resolve(".env.example"));
        for (String name : read) {
            assertThat(example).as(name + " has a comment above it").containsPattern("(?m)^#.*\\n(?:[#A-Z].*\\n)*" + name + "=");
        }
    }

    @Test
    void secrets_and_named_volumes_are_declared_and_host_networked_services_publish_nothing() {
        Map<String, Object> compose = compose();
        Set<String> secretNames = map(compose.get("secrets")).keySet();
        Set<String> volumeNames = map(compose.get("volumes")).keySet();
        Set<String> usedVolumes = new TreeSet<>();
        services().forEach((name, service) -> {
            List<?> secretsOfService = (List<?>) service.getOrDefault("secrets", List.of());
            assertThat(secretNames).as(name).containsAll(stringList(secretsOfService));
            for (Object volume : (List<?>) service.getOrDefault("volumes", List.of())) {
                String source = ((String) volume).split(":")[0];
                if (!source.startsWith(".") && !source.startsWith("/")) {
                    assertThat(volumeNames).as(name).contains(source);
                    usedVolumes.add(source);
                }
            }
            if ("host".equals(service.get("network_mode"))) {
                assertThat(service).as(name).doesNotContainKey("ports");
            }
            environment(service).forEach((variable, value) -> {
                if (variable.endsWith("_FILE") && value.startsWith("/run/secrets/")) {
                    assertThat(stringList(secretsOfService)).as(name + " " + variable)
                            .contains(value.substring("/run/secrets/".length()));
                }
            });
        });
        assertThat(usedVolumes).isEqualTo(volumeNames);
        assertThat(stringList((List<?>) services().get("postgres").get("ports"))).allMatch(p -> p.startsWith("127.0.0.1:"));
    }

    @Test
    void the_app_accepts_the_environment_the_compose_file_gives_it() throws IOException {
        Map<String, String> samples = Map.of("postgres-password", "a-database-password",
                "encryption-key-k1", base64Key(1), "lookup-key", base64Key(2));
        for (Map.Entry<String, String> sample : samples.entrySet()) {
            Files.writeString(secrets.resolve(sample.getKey()), sample.getValue() + "\n", StandardCharsets.UTF_8);
        }
        for (String name : List.of("sipcall", "sipcall-qa")) {
            Map<String, String> env = new HashMap<>();
            environment(services().get(name)).forEach((variable, value) -> {
                String resolved = interpolate(value, envExample());
                if (variable.endsWith("_FILE")) {
                    resolved = secrets.resolve(resolved.substring(resolved.lastIndexOf('/') + 1)).toString();
                }
                env.put(variable, resolved);
            });
            assertThat(env).as(name).isNotEmpty();
            assertThatCode(() -> ConfigLoader.load(Optional.empty(), env)).as(name).doesNotThrowAnyException();
        }
    }

    @Test
    void freeswitch_and_the_gateway_get_only_variables_their_images_read() {
        Set<String> freeswitchReads = new TreeSet<>(Set.of("FS_ESL_PASSWORD_FILE"));
        Matcher envSet = Pattern.compile("cmd=\"env-set\" data=\"[a-z0-9_]+=\\$(FS_[A-Z0-9_]+)\"")
                .matcher(Repo.read(Repo.conf().resolve("vars.xml")));
        while (envSet.find()) {
            freeswitchReads.add(envSet.group(1));
        }
        assertThat(environment(services().get("freeswitch")).keySet()).isSubsetOf(freeswitchReads);
        String gatewayEntrypoint = Repo.read(Repo.root().resolve("gateway/docker-entrypoint.sh"));
        for (String variable : environment(services().get("janus")).keySet()) {
            assertThat(gatewayEntrypoint).as(variable).contains("${" + variable + "}");
        }
    }

    // --- reading the files ---------------------------------------------------------------------

    private static Map<String, Object> compose() {
        Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
        return map(yaml.load(Repo.read(Repo.root().resolve("docker-compose.yml"))));
    }

    private static Map<String, Map<String, Object>> services() {
        Map<String, Map<String, Object>> services = new LinkedHashMap<>();
        map(compose().get("services")).forEach((name, service) -> services.put(name, map(service)));
        return services;
    }

    /** The .env.example settings, as docker compose would read them from .env. */
    private static Map<String, String> envExample() {
        Map<String, String> settings = new LinkedHashMap<>();
        for (String line : Repo.lines(Repo.root().resolve(".env.example"))) {
            if (!line.isBlank() && !line.startsWith("#")) {
                int eq = line.indexOf('=');
                assertThat(eq).as(line).isPositive();
                assertThat(settings.put(line.substring(0, eq), line.substring(eq + 1))).as(line).isNull();
            }
        }
        return settings;
    }

    private static Map<String, String> environment(Map<String, Object> service) {
        Map<String, String> env = new LinkedHashMap<>();
        Object environment = service.get("environment");
        if (environment instanceof Map<?, ?> entries) {
            entries.forEach((key, value) -> env.put((String) key, String.valueOf(value)));
        } else if (environment instanceof List<?> entries) {
            for (Object entry : entries) {
                String text = (String) entry;
                env.put(text.substring(0, text.indexOf('=')), text.substring(text.indexOf('=') + 1));
            }
        }
        return env;
    }

    /** Compose's interpolation: $$, ${NAME}, ${NAME:-default}, ${NAME-default}, ${NAME:?error}, ${NAME?error}. */
    static String interpolate(String value, Map<String, String> settings) {
        Matcher matcher = INTERPOLATION.matcher(value);
        StringBuilder result = new StringBuilder();
        while (matcher.find()) {
            String replacement;
            if (matcher.group(1) == null) {
                replacement = "$";
            } else {
                String name = matcher.group(1);
                String operator = matcher.group(2);
                String set = settings.get(name);
                boolean unset = set == null || (operator != null && operator.startsWith(":") && set.isEmpty());
                if (!unset) {
                    replacement = set;
                } else if (operator != null && operator.endsWith("-")) {
                    replacement = matcher.group(3);
                } else if (operator != null && operator.endsWith("?")) {
                    throw new AssertionError("required variable " + name + " is not set: " + matcher.group(3));
                } else {
                    replacement = "";
                }
            }
            matcher.appendReplacement(result, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(result);
        return result.toString();
    }

    @Test
    void interpolation_follows_compose() {
        Map<String, String> settings = Map.of("SET", "x", "EMPTY", "");
        assertThat(interpolate("a${SET}b $$HOME ${EMPTY:-d} ${EMPTY-d} ${UNSET-d} ${SET:?e}", settings))
                .isEqualTo("axb $HOME d  d x");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        assertThat(value).isInstanceOf(Map.class);
        return (Map<String, Object>) value;
    }

    private static Map<String, Object> build(Map<String, Object> service) {
        Object build = service.get("build");
        return build instanceof String context ? Map.of("context", context) : map(build);
    }

    private static List<String> stringList(List<?> values) {
        List<String> strings = new ArrayList<>();
        values.forEach(v -> strings.add(String.valueOf(v)));
        return strings;
    }

    private static void strings(Object node, java.util.function.Consumer<String> visitor) {
        if (node instanceof String text) {
            visitor.accept(text);
        } else if (node instanceof Map<?, ?> entries) {
            entries.values().forEach(value -> strings(value, visitor));
        } else if (node instanceof List<?> values) {
            values.forEach(value -> strings(value, visitor));
        }
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> union = new TreeSet<>(a);
        union.addAll(b);
        return union;
    }

    private static String base64Key(int fill) {
        byte[] key = new byte[32];
        java.util.Arrays.fill(key, (byte) fill);
        return Base64.getEncoder().encodeToString(key);
    }
}
