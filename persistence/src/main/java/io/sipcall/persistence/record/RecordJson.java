package io.sipcall.persistence.record;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.sipcall.persistence.PersistenceException;
import java.io.IOException;
import java.util.Map;

/** The JSON forms of records (spool frames) and event details ({@code call_events.detail}). */
final class RecordJson {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            // A spool written by a newer version may carry columns this one does not know yet.
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();
    private static final TypeReference<Map<String, Object>> DETAIL = new TypeReference<>() {
    };

    private RecordJson() {
    }

    static byte[] bytes(StoredCall call) {
        try {
            return JSON.writeValueAsBytes(call);
        } catch (JsonProcessingException e) {
            throw new PersistenceException("call record " + call.id() + " is not serialisable: "
                    + e.getOriginalMessage(), e);
        }
    }

    /** The record in {@code json}; an {@link IOException} when it is not one. */
    static StoredCall call(byte[] json) throws IOException {
        return JSON.readValue(json, StoredCall.class);
    }

    static String detail(Map<String, Object> detail) {
        try {
            return JSON.writeValueAsString(detail);
        } catch (JsonProcessingException e) {
            throw new PersistenceException("an event detail is not serialisable: " + e.getOriginalMessage(), e);
        }
    }

    static Map<String, Object> detail(String json) {
        try {
            return JSON.readValue(json, DETAIL);
        } catch (JsonProcessingException e) {
            throw new PersistenceException("an event detail in the database is not JSON", e);
        }
    }
}
