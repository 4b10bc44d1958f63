package io.sipcall.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * One map of the merged configuration tree, read as typed values. Every error names the full
 * dotted key and says what is allowed; values of secret keys are never echoed.
 */
final class Section {

    private final ObjectNode node;
    private final String key;

    private Section(ObjectNode node, String key) {
        this.node = node;
        this.key = key;
    }

    /** The top level of a tree. */
    static Section root(ObjectNode node) {
        return new Section(node, "");
    }

    /** The section's dotted key ({@code ""} at the top level). */
    String key() {
        return key;
    }

    /** Rejects any key not in {@code allowed}; a typo in the file is an error, not a silent default. */
    Section only(Collection<String> allowed) {
        node.fieldNames().forEachRemaining(name -> {
            if (!allowed.contains(name)) {
                throw new ConfigException(Keys.child(key, name), "unknown key; allowed "
                        + (key.isEmpty() ? "at the top level" : "under " + key) + ": "
                        + String.join(", ", allowed));
            }
        });
        return this;
    }

    /** The names of this map's keys, in file order. */
    List<String> names() {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** The map under {@code name}; absent or empty ({@code name:} with nothing after it) is an empty map. */
    Section section(String name) {
        JsonNode child = node.get(name);
        String childKey = Keys.child(key, name);
        if (child == null || child.isNull()) {
            return new Section(node.objectNode(), childKey);
        }
        if (!(child instanceof ObjectNode map)) {
            throw new ConfigException(childKey, "must be a mapping of keys to values");
        }
        return new Section(map, childKey);
    }

    /** The list of maps under {@code name}; absent or empty is an empty list. */
    List<Section> sections(String name) {
        ArrayNode list = list(name);
        List<Section> sections = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            String elementKey = Keys.index(Keys.child(key, name), i);
            if (!(list.get(i) instanceof ObjectNode map)) {
                throw new ConfigException(elementKey, "must be a mapping of keys to values");
            }
            sections.add(new Section(map, elementKey));
        }
        return sections;
    }

    /** The list of scalars under {@code name}; absent or empty is an empty list. */
    List<String> strings(String name) {
        ArrayNode list = list(name);
        List<String> values = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode element = list.get(i);
            if (element.isContainerNode()) {
                throw new ConfigException(Keys.index(Keys.child(key, name), i), "must be a single value");
            }
            values.add(element.isNull() ? "" : element.asText());
        }
        return values;
    }

    /** The text under {@code name}; absent or empty is {@code ""}. */
    String string(String name) {
        JsonNode child = node.get(name);
        if (child == null || child.isNull()) {
            return "";
        }
        if (child.isContainerNode()) {
            throw new ConfigException(Keys.child(key, name), "must be a single value, not a "
                    + (child.isArray() ? "list" : "mapping"));
        }
        return child.asText();
    }

    /** Whether {@code name} is present with a value (not absent, not empty). */
    boolean has(String name) {
        return node.hasNonNull(name);
    }

    /** The text under {@code name}, which must be present (an explicit {@code ""} is allowed). */
    String requiredString(String name) {
        return required(name);
    }

    /** A path; relative paths are relative to the working directory. */
    Path path(String name) {
        return optionalPath(name).orElse(Path.of(""));
    }

    /** A path, absent when empty or blank. */
    Optional<Path> optionalPath(String name) {
        String text = string(name);
        if (text.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Path.of(text));
        } catch (InvalidPathException e) {
            throw invalid(name, text, "must be a file system path");
        }
    }

    /** An integer from {@code min} to {@code max}. */
    int integer(String name, int min, int max) {
        String text = required(name).strip();
        String allowed = "must be a whole number from " + min + " to " + max;
        try {
            int value = Integer.parseInt(text);
            if (value < min || value > max) {
                throw invalid(name, text, allowed);
            }
            return value;
        } catch (NumberFormatException e) {
            throw invalid(name, text, allowed);
        }
    }

    /** A whole number of at least {@code min}. */
    int integerAtLeast(String name, int min) {
        String text = required(name).strip();
        String allowed = "must be a whole number, at least " + min;
        try {
            int value = Integer.parseInt(text);
            if (value < min) {
                throw invalid(name, text, allowed);
            }
            return value;
        } catch (NumberFormatException e) {
            throw invalid(name, text, allowed);
        }
    }

    /**
     * A decimal number ({@code 0.0125}) of at least {@code min}, or greater than {@code min} when
     * {@code minAllowed} is false. Read from its text as written, never through a {@code double}:
     * {@code 0.1} is exactly one tenth.
     */
    BigDecimal decimal(String name, BigDecimal min, boolean minAllowed) {
        String text = required(name).strip();
        String allowed = "must be a decimal number like 0.0125, " + (minAllowed ? "at least " : "greater than ")
                + min.toPlainString();
        if (!text.matches("-?[0-9]{1,18}(\\.[0-9]{1,18})?")) {
            throw invalid(name, text, allowed);
        }
        BigDecimal value = new BigDecimal(text);
        int order = value.compareTo(min);
        if (order < 0 || (order == 0 && !minAllowed)) {
            throw invalid(name, text, allowed);
        }
        return value;
    }

    /** {@code true} or {@code false}, in any case. */
    boolean bool(String name) {
        String text = required(name).strip();
        if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(text.toLowerCase(Locale.ROOT));
        }
        throw invalid(name, text, "must be true or false");
    }

    /** The text under {@code name}, absent when absent, empty or blank. */
    Optional<String> optionalString(String name) {
        String text = string(name);
        return text.isBlank() ? Optional.empty() : Optional.of(text);
    }

    /** A port: 0 to 65535. */
    int port(String name) {
        return integer(name, 0, 65535);
    }

    /** A positive duration: {@code 500ms}, {@code 60s}, {@code 2m}, {@code 1h}, or ISO-8601 ({@code PT60S}). */
    Duration duration(String name) {
        String text = required(name).strip();
        Duration value = Durations.parse(text);
        if (value == null || value.isNegative() || value.isZero()) {
            throw invalid(name, text, "must be a duration greater than zero, written like 500ms, 60s, 2m, 1h"
                    + " or PT60S");
        }
        return value;
    }

    /**
     * One of {@code type}'s constants, written in kebab case in any letter case: {@code udp} or
     * {@code UDP}, {@code e164-plus} for {@code E164_PLUS}.
     */
    <E extends Enum<E>> E enumValue(String name, Class<E> type) {
        String text = required(name).strip();
        for (E constant : type.getEnumConstants()) {
            if (kebab(constant).equalsIgnoreCase(text)) {
                return constant;
            }
        }
        String allowed = Arrays.stream(type.getEnumConstants())
                .map(Section::kebab)
                .collect(Collectors.joining(", "));
        throw invalid(name, text, "must be one of " + allowed);
    }

    /** A constant as written in config: {@code E164_PLUS} is {@code e164-plus}. */
    static String kebab(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private String required(String name) {
        String text = string(name);
        if (!has(name)) {
            throw new ConfigException(Keys.child(key, name), "is required");
        }
        return text;
    }

    private ArrayNode list(String name) {
        JsonNode child = node.get(name);
        if (child == null || child.isNull()) {
            return node.arrayNode();
        }
        if (!(child instanceof ArrayNode list)) {
            throw new ConfigException(Keys.child(key, name), "must be a list, like [a, b]");
        }
        return list;
    }

    private ConfigException invalid(String name, String text, String allowed) {
        String childKey = Keys.child(key, name);
        return new ConfigException(childKey, allowed + ", got " + Keys.quote(childKey, text));
    }
}
