package io.sipcall.config;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Applies the {@code SIPCALL_*} environment variables to the merged configuration tree, following
 * the rule documented on {@link ConfigLoader}.
 */
final class EnvOverrides {

    static final String PREFIX = "SIPCALL_";
    static final String CONFIG_VARIABLE = "SIPCALL_CONFIG";
    static final String FILE_SUFFIX = "_FILE";

    /**
     * Variables in name order, except that numeric parts compare as numbers: {@code ROUTES_2}
     * before {@code ROUTES_10}, so list entries created by the environment are created in order.
     */
    private static final Comparator<String> NAME_ORDER = (a, b) -> {
        String[] left = a.split("_", -1);
        String[] right = b.split("_", -1);
        for (int i = 0; i < Math.min(left.length, right.length); i++) {
            int order = compareSegment(left[i], right[i]);
            if (order != 0) {
                return order;
            }
        }
        return Integer.compare(left.length, right.length);
    };

    private EnvOverrides() {
    }

    /**
     * Applies every {@code SIPCALL_*} variable of {@code env} to {@code tree}, in place.
     *
     * @return the names of the variables applied, in the order they were applied
     */
    static List<String> apply(ObjectNode tree, Map<String, String> env) {
        List<String> names = env.keySet().stream()
                .filter(name -> name.startsWith(PREFIX) && !name.equals(CONFIG_VARIABLE))
                .sorted(NAME_ORDER)
                .toList();
        for (String name : names) {
            apply(tree, env, name);
        }
        return names;
    }

    private static void apply(ObjectNode tree, Map<String, String> env, String name) {
        String target = name;
        String value = env.get(name);
        if (name.endsWith(FILE_SUFFIX)) {
            target = name.substring(0, name.length() - FILE_SUFFIX.length());
            if (env.containsKey(target)) {
                throw new ConfigException(name, "both " + target + " and " + name + " are set; use one");
            }
            value = readSecretFile(name, value);
        }
        String path = target.substring(PREFIX.length()).toUpperCase(Locale.ROOT);
        List<String> segments = Arrays.asList(path.split("_", -1));
        new EnvOverride(name, value).applyTo(tree, segments);
    }

    /** The file's content, without the line break(s) it ends with. */
    private static String readSecretFile(String variable, String file) {
        try {
            String content = Files.readString(Path.of(file), StandardCharsets.UTF_8);
            return content.replaceFirst("[\\r\\n]+$", "");
        } catch (IOException | InvalidPathException e) {
            throw new ConfigException(variable, "cannot read the file it names, " + file + " ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    private static int compareSegment(String a, String b) {
        boolean numbers = a.matches("[0-9]{1,9}") && b.matches("[0-9]{1,9}");
        return numbers ? Integer.compare(Integer.parseInt(a), Integer.parseInt(b)) : a.compareTo(b);
    }
}
