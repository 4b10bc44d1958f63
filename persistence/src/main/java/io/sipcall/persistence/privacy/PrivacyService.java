package io.sipcall.persistence.privacy;

import com.fasterxml.jackson.databind.JsonNode;
import io.sipcall.persistence.audit.AuditEntry;
import io.sipcall.persistence.audit.AuditLog;
import io.sipcall.persistence.crypto.KeyRing;
import io.sipcall.persistence.directory.Deletions;
import io.sipcall.persistence.privacy.PersonalDataReader.PersonalData;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A user's rights over their data: a copy of everything stored about them (GDPR articles 15 and 20)
 * and erasure (article 17). Both are audited. Thread-safe; blocks on the database.
 *
 * <p>A user id counts as known while anything is stored under it: a {@code users} row, a call record
 * or an audit entry by or about it. A user removed from {@code users} (say, by a directory sync) whose
 * call records remain is therefore still exported (with a null profile) and still erased.
 */
public final class PrivacyService {

    private static final Logger LOG = LoggerFactory.getLogger(PrivacyService.class);

    /** What replaces a user id in the rows kept after erasure: {@code erased-} and a random UUID. */
    static final String PSEUDONYM_PREFIX = "erased-";

    private final Jdbi jdbi;
    private final PersonalDataReader reader;
    private final Deletions deletions;

    public PrivacyService(Jdbi jdbi, KeyRing keys) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
        this.reader = new PersonalDataReader(keys.cipher());
        this.deletions = new Deletions(keys.lookup());
    }

    /**
     * Everything stored about {@code userId}: profile (caller ID decrypted), SIP credential (username
     * and creation time; HA1 digests are not exported), registrar bindings, call records with numbers
     * decrypted and their events, and audit entries by the user or with target {@code user:ID}. Read
     * in one read-only repeatable-read transaction, so the parts agree with each other. The export is
     * then audited as {@code privacy.exported}; if that entry cannot be written, nothing is returned.
     *
     * @param actor  who asks (a user id, or {@link AuditEntry#SYSTEM})
     * @param source where the request came from (the client address)
     * @throws UnknownUserException when nothing is stored under {@code userId}
     */
    public JsonNode export(String userId, String actor, String source) {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(actor, "actor");
        PersonalData data = jdbi.inTransaction(TransactionIsolationLevel.REPEATABLE_READ, handle -> {
            handle.execute("SET TRANSACTION READ ONLY");
            return reader.read(handle, userId);
        });
        if (data.isEmpty()) {
            throw new UnknownUserException(userId);
        }
        jdbi.useHandle(handle -> AuditLog.record(handle,
                AuditEntry.of(actor, source, "privacy.exported", target(userId), data.counts())));
        LOG.info("event=privacy-exported target={} actor={} calls={} audit_entries={}", target(userId), actor,
                data.calls(), data.auditEntries());
        return data.document();
    }

    /**
     * Erases {@code userId} in one transaction: deletes the profile, SIP credential and registrar
     * bindings; gives their call records a fresh random pseudonym and removes the numbers and number
     * hashes from them (times, durations, disposition and cost stay, for accounting); in audit entries
     * replaces the id as actor and target by the pseudonym, blanks the source address of the user's own
     * actions, and replaces the id where it stands as a whole string in a detail. Finally writes
     * {@code privacy.erased} with target {@code user:PSEUDONYM}, so the erasure entry itself does not
     * name the user; when the user erases themselves, the actor is the pseudonym too.
     *
     * <p>Idempotent: when nothing is stored under the id (unknown, or already erased), nothing is
     * written, not even an audit entry (it would record the id), and {@link ErasureSummary#nothing()}
     * is returned. A call that is in progress during the erasure writes its record afterwards under
     * the id; erasing again anonymises it.
     *
     * @param actor  who erases (a user id, or {@link AuditEntry#SYSTEM})
     * @param source where the request came from (the client address)
     */
    public ErasureSummary erase(String userId, String actor, String source) {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(actor, "actor");
        String pseudonym = PSEUDONYM_PREFIX + UUID.randomUUID();
        ErasureSummary summary = jdbi.inTransaction(handle -> {
            ErasureSummary done = eraseIn(handle, userId, pseudonym);
            if (done.profileDeleted()) {
                // The configuration file may still name the user: it must not seed them back.
                deletions.mark(handle, Deletions.Kind.USER, userId);
            }
            if (done.erasedAnything()) {
                boolean self = actor.equals(userId);
                AuditLog.record(handle, AuditEntry.of(self ? pseudonym : actor, self ? "" : source,
                        "privacy.erased", target(pseudonym), counts(done)));
            }
            return done;
        });
        if (summary.erasedAnything()) {
            LOG.info("event=privacy-erased target={} calls={} audit_entries={}", target(pseudonym),
                    summary.callRecordsAnonymised(), summary.auditEntriesScrubbed());
        } else {
            LOG.info("event=privacy-erase-found-nothing actor={}", actor);
        }
        return summary;
    }

    private static ErasureSummary eraseIn(Handle handle, String userId, String pseudonym) {
        int registrations = delete(handle, "DELETE FROM registrations WHERE user_id = :id", userId);
        int credentials = delete(handle, "DELETE FROM sip_credentials WHERE user_id = :id", userId);
        boolean profile = delete(handle, "DELETE FROM users WHERE id = :id", userId) > 0;
        int calls = anonymiseCalls(handle, userId, pseudonym);
        int audit = scrubAudit(handle, userId, pseudonym);
        ErasureSummary summary = new ErasureSummary(Optional.of(pseudonym), profile, credentials, registrations,
                calls, audit);
        return summary.erasedAnything() ? summary : ErasureSummary.nothing();
    }

    private static int delete(Handle handle, String sql, String userId) {
        return handle.createUpdate(sql).bind("id", userId).execute();
    }

    /** Call events never hold numbers, but scrub the id from their details like the audit log's. */
    private static int anonymiseCalls(Handle handle, String userId, String pseudonym) {
        handle.createUpdate("UPDATE call_events e SET detail = " + scrubbed("e.detail")
                        + " FROM calls c WHERE c.id = e.call_id AND c.user_id = :id")
                .bind("id", userId)
                .bind("pseudonym", pseudonym)
                .execute();
        return handle.createUpdate("UPDATE calls SET user_id = :pseudonym, from_number = NULL, to_number = NULL, "
                        + "to_number_hmac = NULL WHERE user_id = :id")
                .bind("id", userId)
                .bind("pseudonym", pseudonym)
                .execute();
    }

    /**
     * The user's own entries and those about them get the pseudonym as actor or target and lose the
     * id from their detail; the user's own entries also lose their source address. Any other entry
     * whose detail holds the string {@code user:ID} has it replaced; a bare id in an unrelated entry
     * is left alone, since a short id ("1", "admin") may equal an unrelated value.
     */
    private static int scrubAudit(Handle handle, String userId, String pseudonym) {
        return handle.createUpdate("UPDATE audit_log SET "
                        + "actor = CASE WHEN actor = :id THEN :pseudonym ELSE actor END, "
                        + "source = CASE WHEN actor = :id THEN '' ELSE source END, "
                        + "target = CASE WHEN target = 'user:' || :id THEN 'user:' || :pseudonym ELSE target END, "
                        + "detail = CASE WHEN actor = :id OR target = 'user:' || :id THEN " + scrubbed("detail")
                        + " ELSE " + scrubbedTarget("detail") + " END "
                        + "WHERE actor = :id OR target = 'user:' || :id "
                        + "OR strpos(detail::text, to_jsonb('user:' || :id)::text) > 0")
                .bind("id", userId)
                .bind("pseudonym", pseudonym)
                .execute();
    }

    /**
     * SQL for {@code column} (jsonb) with every JSON string equal to {@code user:ID} or {@code ID}
     * replaced by the pseudonym's. The quoted forms come from {@code to_jsonb}, so they are escaped
     * exactly as jsonb's own text is, and a string only matches whole.
     */
    private static String scrubbed(String column) {
        return replaceString(replaceString(column + "::text", "'user:' || :id", "'user:' || :pseudonym"),
                "CAST(:id AS text)", "CAST(:pseudonym AS text)") + "::jsonb";
    }

    /** SQL for {@code column} (jsonb) with every JSON string equal to {@code user:ID} replaced. */
    private static String scrubbedTarget(String column) {
        return replaceString(column + "::text", "'user:' || :id", "'user:' || :pseudonym") + "::jsonb";
    }

    private static String replaceString(String json, String from, String to) {
        return "replace(" + json + ", to_jsonb(" + from + ")::text, to_jsonb(" + to + ")::text)";
    }

    private static Map<String, Object> counts(ErasureSummary summary) {
        return Map.of("profile", summary.profileDeleted(), "sip_credentials", summary.credentialsDeleted(),
                "registrations", summary.registrationsDeleted(), "calls", summary.callRecordsAnonymised(),
                "audit_entries", summary.auditEntriesScrubbed());
    }

    /** The audit target naming a user. */
    static String target(String userId) {
        return "user:" + userId;
    }
}
