package io.sipcall.persistence.privacy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sipcall.persistence.PersistenceException;
import io.sipcall.persistence.crypto.FieldCipher;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * Reads everything stored under one user id into a JSON document. Rows are turned into JSON by
 * PostgreSQL ({@code row_to_json}), so a column added by a later migration is exported without a
 * change here; only secrets and derived lookup hashes are left out, by name.
 */
final class PersonalDataReader {

    /** The name and version of the document's layout, its first field. */
    static final String FORMAT = "sipcall.personal-data.v1";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CREDENTIAL_NOTE = "SIPCall stores no SIP password, only its HA1 digests "
            + "(RFC 7616 3.4.2); they are secrets and are not exported";

    private final FieldCipher cipher;

    PersonalDataReader(FieldCipher cipher) {
        this.cipher = cipher;
    }

    /** The document and its counts; the caller runs this in one read-only, repeatable-read transaction. */
    PersonalData read(Handle handle, String userId) {
        handle.execute("SET LOCAL TimeZone = 'UTC'");
        Optional<ObjectNode> profile = one(handle, "SELECT row_to_json(u)::text FROM users u WHERE u.id = :id", userId);
        profile.ifPresent(p -> decrypt(p, "caller_id", "users.caller_id"));
        Optional<ObjectNode> credential = one(handle, "SELECT json_build_object('username', username, "
                + "'created_at', created_at)::text FROM sip_credentials WHERE user_id = :id", userId);
        credential.ifPresent(c -> c.put("note", CREDENTIAL_NOTE));
        List<ObjectNode> registrations = list(handle,
                "SELECT row_to_json(r)::text FROM registrations r WHERE r.user_id = :id ORDER BY r.contact", userId);
        List<ObjectNode> calls = calls(handle, userId);
        List<ObjectNode> audit = list(handle, "SELECT row_to_json(a)::text FROM audit_log a "
                + "WHERE a.actor = :id OR a.target = 'user:' || :id ORDER BY a.id", userId);

        ObjectNode document = JSON.createObjectNode();
        document.put("format", FORMAT);
        document.put("user_id", userId);
        document.put("exported_at", handle.createQuery("SELECT now()").mapTo(OffsetDateTime.class).one()
                .toInstant().toString());
        document.set("profile", profile.orElse(null));
        document.set("sip_credential", credential.orElse(null));
        document.set("registrations", array(registrations));
        document.set("calls", array(calls));
        document.set("audit_log", array(audit));
        return new PersonalData(document, profile.isPresent(), registrations.size(), calls.size(), audit.size());
    }

    /** The user's call records, numbers decrypted, each with its events in order. */
    private List<ObjectNode> calls(Handle handle, String userId) {
        return handle.createQuery("SELECT row_to_json(c)::text AS call, COALESCE((SELECT json_agg(json_build_object("
                        + "'seq', e.seq, 'at', e.at, 'type', e.type, 'detail', e.detail) ORDER BY e.seq) "
                        + "FROM call_events e WHERE e.call_id = c.id), '[]'::json)::text AS events "
                        + "FROM calls c WHERE c.user_id = :id ORDER BY c.started_at, c.id")
                .bind("id", userId)
                .map((rs, ctx) -> {
                    ObjectNode call = object(rs.getString("call"));
                    call.remove("to_number_hmac"); // a keyed hash of to_number, which is exported in the clear
                    decrypt(call, "from_number", "calls.from_number");
                    decrypt(call, "to_number", "calls.to_number");
                    call.set("events", tree(rs.getString("events")));
                    return call;
                })
                .list();
    }

    private void decrypt(ObjectNode row, String column, String context) {
        if (row.hasNonNull(column)) {
            row.put(column, cipher.decrypt(row.get(column).asText(), context));
        }
    }

    private static Optional<ObjectNode> one(Handle handle, String sql, String userId) {
        return list(handle, sql, userId).stream().findFirst();
    }

    private static List<ObjectNode> list(Handle handle, String sql, String userId) {
        return handle.createQuery(sql)
                .bind("id", userId)
                .mapTo(String.class)
                .map(PersonalDataReader::object)
                .list();
    }

    private static ArrayNode array(List<ObjectNode> rows) {
        return JSON.createArrayNode().addAll(rows);
    }

    private static ObjectNode object(String json) {
        return (ObjectNode) tree(json);
    }

    private static JsonNode tree(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new PersistenceException("the database returned a row that is not JSON", e);
        }
    }

    /**
     * One user's export and what it holds.
     *
     * @param document      the JSON document
     * @param profile       whether a {@code users} row exists
     * @param registrations registrar bindings exported
     * @param calls         call records exported
     * @param auditEntries  audit entries exported
     */
    record PersonalData(ObjectNode document, boolean profile, int registrations, int calls, int auditEntries) {

        /** Whether nothing at all is stored under the id (credentials and bindings need a profile). */
        boolean isEmpty() {
            return !profile && calls == 0 && auditEntries == 0;
        }

        Map<String, Object> counts() {
            return Map.of("profile", profile, "registrations", registrations, "calls", calls,
                    "audit_entries", auditEntries);
        }
    }
}
