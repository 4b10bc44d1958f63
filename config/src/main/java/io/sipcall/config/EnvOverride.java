package io.sipcall.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * One environment variable applied to the merged configuration tree: its name, split at
 * {@code _} into segments, is walked down the tree (see {@link ConfigLoader} for the rule) and the
 * value it reaches is replaced. Where the tree holds nothing yet, {@link KeyShape#ROOT} says what
 * may be created. The value itself never appears in an error.
 */
final class EnvOverride {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final String variable;
    private final String value;

    /**
     * @param variable the variable that carries the value, named in every error
     * @param value    the value to set (for a {@code _FILE} variable, the file's content)
     */
    EnvOverride(String variable, String value) {
        this.variable = variable;
        this.value = value;
    }

    /** Sets the key named by {@code segments} (the variable's name after the prefix) in {@code root}. */
    void applyTo(ObjectNode root, List<String> segments) {
        setInMap(root, KeyShape.ROOT, "", segments);
    }

    private void setInMap(ObjectNode map, KeyShape shape, String key, List<String> segments) {
        String name = longestMatch(candidates(map, shape), segments, key);
        if (name == null) {
            createEntryOrFail(map, shape, key, segments);
            return;
        }
        int used = normalise(name).size();
        descend(map.get(name), shape.child(name), Keys.child(key, name),
                segments.subList(used, segments.size()), node -> map.set(name, node));
    }

    private void descend(JsonNode child, KeyShape shape, String key, List<String> rest,
                         Consumer<JsonNode> replace) {
        boolean absent = child == null || child.isNull();
        if (child instanceof ObjectNode || (absent && shape.isMap())) {
            if (rest.isEmpty()) {
                throw fail("names the section '" + key + "', not a value; set one of its keys");
            }
            ObjectNode map = child instanceof ObjectNode existing ? existing : NODES.objectNode();
            setInMap(map, shape, key, rest);
            replace.accept(map);
        } else if (child instanceof ArrayNode || shape.isList()) {
            ArrayNode list = child instanceof ArrayNode existing ? existing : NODES.arrayNode();
            if (rest.isEmpty()) {
                replace.accept(commaSeparated(list, shape, key));
            } else {
                setInList(list, shape, key, rest);
                replace.accept(list);
            }
        } else if (rest.isEmpty()) {
            replace.accept(NODES.textNode(value));
        } else {
            throw fail("matches no configuration key: '" + key + "' is a single value, it has no '"
                    + String.join("_", rest) + "'");
        }
    }

    private void setInList(ArrayNode list, KeyShape shape, String key, List<String> segments) {
        int index = parseIndex(segments.get(0), key);
        String elementKey = Keys.index(key, index);
        List<String> rest = segments.subList(1, segments.size());
        if (index > list.size()) {
            throw fail("'" + key + "' has " + list.size() + " entries; a new entry must take the next index, "
                    + list.size());
        }
        if (index == list.size()) {
            list.add(shape.entry().isMap() ? NODES.objectNode() : NODES.nullNode());
        }
        descend(list.get(index), shape.entry(), elementKey, rest, node -> list.set(index, node));
    }

    /**
     * Under a map of named entries, an unknown one-word name followed by a key an entry may have
     * creates that entry, its name lower-cased ({@code TRUNKS_VOIPMS_HOST}, {@code USERS_ALICE_SIP_USERNAME}).
     */
    private void createEntryOrFail(ObjectNode map, KeyShape shape, String key, List<String> segments) {
        boolean entries = shape.type() == KeyShape.Type.ENTRIES;
        if (entries && shape.element().type() == KeyShape.Type.VALUE && !segments.isEmpty()) {
            // Entries that are single values (encryption.keys.ID): the rest of the name is the entry's
            // name, its words joined with '-'.
            map.set(String.join("-", segments).toLowerCase(Locale.ROOT), NODES.textNode(value));
            return;
        }
        List<String> rest = segments.subList(Math.min(1, segments.size()), segments.size());
        boolean newEntry = entries && !rest.isEmpty() && !segments.get(0).isEmpty()
                && longestMatch(shape.element().knownNames(), rest, key) != null;
        if (!newEntry) {
            Set<String> keys = candidates(map, shape);
            String hint = entries ? "; a new entry is set as SIPCALL_" + String.join("_", normalise(key))
                    + "_NAME_KEY with a one-word NAME and KEY one of " + envNames(shape.element().knownNames()) : "";
            throw fail("matches no configuration key: nothing under '" + (key.isEmpty() ? "(top level)" : key)
                    + "' is named " + String.join("_", segments) + "; keys there: "
                    + (keys.isEmpty() ? "none" : String.join(", ", keys)) + hint);
        }
        String name = segments.get(0).toLowerCase(Locale.ROOT);
        ObjectNode created = NODES.objectNode();
        setInMap(created, shape.element(), Keys.child(key, name), rest);
        map.set(name, created);
    }

    private ArrayNode commaSeparated(ArrayNode current, KeyShape shape, String key) {
        boolean sections = shape.isListOfMaps();
        for (JsonNode element : current) {
            sections |= element.isContainerNode();
        }
        if (sections) {
            throw fail("names '" + key + "', a list of sections; set its entries one by one, e.g. "
                    + variable + "_0_...");
        }
        ArrayNode list = NODES.arrayNode();
        Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).forEach(list::add);
        return list;
    }

    private int parseIndex(String segment, String key) {
        if (!segment.matches("[0-9]{1,6}")) {
            throw fail("'" + key + "' is a list; the next part of the name must be an index (0, 1, ...), not '"
                    + segment + "'");
        }
        return Integer.parseInt(segment);
    }

    /** The child key whose normalised segments are the longest prefix of {@code segments}. */
    private String longestMatch(Collection<String> names, List<String> segments, String key) {
        List<String> best = new ArrayList<>();
        int bestLength = 0;
        for (String name : names) {
            List<String> normalised = normalise(name);
            int length = normalised.size();
            if (length > segments.size() || !segments.subList(0, length).equals(normalised)) {
                continue;
            }
            if (length > bestLength) {
                best.clear();
                bestLength = length;
            }
            if (length == bestLength) {
                best.add(name);
            }
        }
        if (best.size() > 1) {
            throw fail("is ambiguous: it matches both '" + Keys.child(key, best.get(0)) + "' and '"
                    + Keys.child(key, best.get(1)) + "'");
        }
        return best.isEmpty() ? null : best.get(0);
    }

    /** The keys of {@code map} in the tree, then the keys its shape says it may have. */
    private static Set<String> candidates(ObjectNode map, KeyShape shape) {
        Set<String> names = new LinkedHashSet<>();
        map.fieldNames().forEachRemaining(names::add);
        names.addAll(shape.knownNames());
        return names;
    }

    private static String envNames(Collection<String> names) {
        return names.stream().map(name -> String.join("_", normalise(name))).collect(Collectors.joining(", "));
    }

    /** A key name as environment segments: upper case, split at {@code .}, {@code -} and {@code _}. */
    static List<String> normalise(String name) {
        return Arrays.asList(name.toUpperCase(Locale.ROOT).split("[._-]", -1));
    }

    private ConfigException fail(String message) {
        return new ConfigException(variable, message);
    }
}
