package io.sipcall.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What is known about one place of the configuration tree before the tree is read: whether it is a
 * map with known keys, a map of named entries ({@code trunks}, {@code users}), a list, or a single
 * value. The environment overrides use it to create what the merged tree does not hold yet (a new
 * trunk, a user's {@code sip} section, a rate); everywhere else the tree itself says what is there.
 *
 * @param type    the kind of place
 * @param fields  for {@link Type#MAP}: the keys it may have (besides those in the tree) and their shapes
 * @param element for {@link Type#ENTRIES} and {@link Type#LIST}: the shape of each entry
 */
record KeyShape(Type type, Map<String, KeyShape> fields, KeyShape element) {

    /** Kinds of places. */
    enum Type {
        /** Nothing is known beyond what the tree holds. */
        OPEN,
        /** A single value. */
        VALUE,
        /** A map with known keys. */
        MAP,
        /** A map of entries under names the user chooses, each of {@code element}'s shape. */
        ENTRIES,
        /** A list whose entries are of {@code element}'s shape. */
        LIST
    }

    static final KeyShape OPEN = new KeyShape(Type.OPEN, Map.of(), null);
    static final KeyShape VALUE = new KeyShape(Type.VALUE, Map.of(), null);
    static final KeyShape VALUES = new KeyShape(Type.LIST, Map.of(), VALUE);

    /** The whole configuration. */
    static final KeyShape ROOT = root();

    /** The keys of this map that the tree may lack. */
    Set<String> knownNames() {
        return fields.keySet();
    }

    /** The shape of the child {@code name} of this map, or of an entry of this map of entries. */
    KeyShape child(String name) {
        return switch (type) {
            case MAP -> fields.getOrDefault(name, OPEN);
            case ENTRIES -> element;
            default -> OPEN;
        };
    }

    /** The shape of an entry of this list; an open list's entries are open too. */
    KeyShape entry() {
        return type == Type.LIST ? element : OPEN;
    }

    boolean isList() {
        return type == Type.LIST;
    }

    boolean isMap() {
        return type == Type.MAP || type == Type.ENTRIES;
    }

    /** Whether this is a list of maps ({@code routes}, {@code rates}), which is set entry by entry. */
    boolean isListOfMaps() {
        return type == Type.LIST && element.isMap();
    }

    private static KeyShape root() {
        KeyShape trunk = map(Keys.TRUNK_FIELDS, Map.of(
                "auth", map(Keys.TRUNK_AUTH_FIELDS, Map.of()),
                "registration", map(Keys.TRUNK_REGISTRATION_FIELDS, Map.of())));
        KeyShape user = map(Keys.USER_FIELDS, Map.of("sip", map(Keys.USER_SIP_FIELDS, Map.of()),
                "allowed-prefixes", VALUES));
        KeyShape route = map(Keys.ROUTE_FIELDS, Map.of("trunks", VALUES));
        KeyShape rate = map(Keys.RATE_FIELDS, Map.of());
        Map<String, KeyShape> tollFraudLists = new LinkedHashMap<>();
        Keys.TOLL_FRAUD_LIST_FIELDS.forEach(name -> tollFraudLists.put(name, VALUES));
        tollFraudLists.put("role-allowlists", map(Keys.ROLES, Map.of("user", VALUES, "admin", VALUES)));
        return map(List.of(), Map.of(
                Keys.TRUNKS, new KeyShape(Type.ENTRIES, Map.of(), trunk),
                Keys.USERS, new KeyShape(Type.ENTRIES, Map.of(), user),
                Keys.ROUTES, new KeyShape(Type.LIST, Map.of(), route),
                Keys.RATES, new KeyShape(Type.LIST, Map.of(), rate),
                Keys.TOLL_FRAUD, map(Keys.TOLL_FRAUD_FIELDS, tollFraudLists),
                Keys.GATEWAY, map(List.of(), Map.of("trusted-peers", VALUES, "trusted-certificates", VALUES)),
                Keys.ENCRYPTION, map(List.of(), Map.of("keys", new KeyShape(Type.ENTRIES, Map.of(), VALUE)))));
    }

    /** A map whose {@code names} are single values unless {@code special} gives their shape. */
    private static KeyShape map(List<String> names, Map<String, KeyShape> special) {
        Map<String, KeyShape> fields = new LinkedHashMap<>();
        names.forEach(name -> fields.put(name, special.getOrDefault(name, VALUE)));
        special.forEach(fields::putIfAbsent);
        return new KeyShape(Type.MAP, fields, null);
    }
}
