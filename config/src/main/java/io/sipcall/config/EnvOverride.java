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

/**
 * One environment variable applied to the merged configuration tree: its name, split at
 * {@code _} into segments, is walked down the tree (see {@link ConfigLoader} for the rule) and the
 * value it reaches is replaced. The value itself never appears in an error.
 */
final class EnvOverride {

    /** What a map or list in the tree is, for the few places where keys may be created. */
    private enum Kind { ROOT, SECTION, TRUNKS, TRUNK, ROUTES, ROUTE, LIST }

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
        setInMap(root, Kind.ROOT, "", segments);
    }

    private void setInMap(ObjectNode map, Kind kind, String key, List<String> segments) {
        String name = longestMatch(candidates(map, kind), segments, key);
        if (name == null) {
            createOrFail(map, kind, key, segments);
            return;
        }
        int used = normalise(name).size();
        descend(map.get(name), childKind(kind, name), Keys.child(key, name),
                segments.subList(used, segments.size()), node -> map.set(name, node));
    }

    private void descend(JsonNode child, Kind kind, String key, List<String> rest,
                         Consumer<JsonNode> replace) {
        if (child instanceof ObjectNode map) {
            if (rest.isEmpty()) {
                throw fail("names the section '" + key + "', not a value; set one of its keys");
            }
            setInMap(map, kind, key, rest);
        } else if (child instanceof ArrayNode || kind == Kind.LIST || kind == Kind.ROUTES) {
            ArrayNode list = child instanceof ArrayNode existing ? existing : NODES.arrayNode();
            if (rest.isEmpty()) {
                replace.accept(commaSeparated(list, kind, key));
            } else {
                setInList(list, kind, key, rest);
                replace.accept(list);
            }
        } else if (rest.isEmpty()) {
            replace.accept(NODES.textNode(value));
        } else {
            throw fail("matches no configuration key: '" + key + "' is a single value, it has no '"
                    + String.join("_", rest) + "'");
        }
    }

    private void setInList(ArrayNode list, Kind kind, String key, List<String> segments) {
        int index = parseIndex(segments.get(0), key);
        String elementKey = Keys.index(key, index);
        List<String> rest = segments.subList(1, segments.size());
        if (index > list.size()) {
            throw fail("'" + key + "' has " + list.size() + " entries; a new entry must take the next index, "
                    + list.size());
        }
        if (index == list.size()) {
            list.add(kind == Kind.ROUTES ? NODES.objectNode() : NODES.nullNode());
        }
        Kind elementKind = kind == Kind.ROUTES ? Kind.ROUTE : Kind.SECTION;
        descend(list.get(index), elementKind, elementKey, rest, node -> list.set(index, node));
    }

    private void createOrFail(ObjectNode map, Kind kind, String key, List<String> segments) {
        boolean newTrunk = kind == Kind.TRUNKS && segments.size() == 2 && !segments.get(0).isEmpty()
                && Keys.TRUNK_FIELDS.contains(segments.get(1).toLowerCase(Locale.ROOT));
        if (!newTrunk) {
            Set<String> keys = candidates(map, kind);
            String hint = kind == Kind.TRUNKS
                    ? "; a new trunk is set as SIPCALL_TRUNKS_NAME_HOST (or _PORT, _TRANSPORT) with a one-word NAME"
                    : "";
            throw fail("matches no configuration key: nothing under '" + (key.isEmpty() ? "(top level)" : key)
                    + "' is named " + String.join("_", segments) + "; keys there: "
                    + (keys.isEmpty() ? "none" : String.join(", ", keys)) + hint);
        }
        String trunk = segments.get(0).toLowerCase(Locale.ROOT);
        ObjectNode created = NODES.objectNode();
        map.set(trunk, created);
        setInMap(created, Kind.TRUNK, Keys.child(key, trunk), segments.subList(1, 2));
    }

    private ArrayNode commaSeparated(ArrayNode current, Kind kind, String key) {
        boolean sections = kind == Kind.ROUTES;
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

    private static Set<String> candidates(ObjectNode map, Kind kind) {
        Set<String> names = new LinkedHashSet<>();
        map.fieldNames().forEachRemaining(names::add);
        if (kind == Kind.TRUNK) {
            names.addAll(Keys.TRUNK_FIELDS);
        } else if (kind == Kind.ROUTE) {
            names.addAll(Keys.ROUTE_FIELDS);
        }
        return names;
    }

    private static Kind childKind(Kind parent, String name) {
        return switch (parent) {
            case TRUNKS -> Kind.TRUNK;
            case ROUTE -> Keys.ROUTE_LIST_FIELDS.contains(name) ? Kind.LIST : Kind.SECTION;
            case ROOT -> Keys.TRUNKS.equals(name) ? Kind.TRUNKS
                    : Keys.ROUTES.equals(name) ? Kind.ROUTES : Kind.SECTION;
            default -> Kind.SECTION;
        };
    }

    /** A key name as environment segments: upper case, split at {@code .}, {@code -} and {@code _}. */
    static List<String> normalise(String name) {
        return Arrays.asList(name.toUpperCase(Locale.ROOT).split("[._-]", -1));
    }

    private ConfigException fail(String message) {
        return new ConfigException(variable, message);
    }
}
