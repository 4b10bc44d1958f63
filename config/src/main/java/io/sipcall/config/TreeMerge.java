package io.sipcall.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;

/**
 * Deep merge of configuration trees: maps merge key by key, lists and scalars replace.
 */
final class TreeMerge {

    private TreeMerge() {
    }

    /**
     * Returns a new tree: {@code base} with {@code overlay} merged over it. Neither argument is
     * changed. A null in the overlay over a map (as in a bare {@code sip:} line) leaves the map as
     * it is; over anything else it replaces the value.
     */
    static ObjectNode merge(ObjectNode base, ObjectNode overlay) {
        ObjectNode result = base.deepCopy();
        mergeInto(result, overlay);
        return result;
    }

    private static void mergeInto(ObjectNode target, ObjectNode overlay) {
        Iterator<Map.Entry<String, JsonNode>> fields = overlay.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode current = target.get(field.getKey());
            JsonNode incoming = field.getValue();
            if (current instanceof ObjectNode currentMap && incoming instanceof ObjectNode incomingMap) {
                mergeInto(currentMap, incomingMap);
            } else if (!(current instanceof ObjectNode && incoming.isNull())) {
                target.set(field.getKey(), incoming.deepCopy());
            }
        }
    }
}
