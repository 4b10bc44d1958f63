package io.sipcall.persistence.privacy;

import java.util.Objects;
import java.util.Optional;

/**
 * What one {@link PrivacyService#erase} did. Holds the pseudonym, never the erased user id.
 *
 * @param pseudonym           the random id that replaced the user id in call records and audit
 *                            entries; empty when nothing was stored under the id
 * @param profileDeleted      whether a {@code users} row was deleted
 * @param credentialsDeleted  SIP credentials deleted (0 or 1)
 * @param registrationsDeleted registrar bindings deleted
 * @param callRecordsAnonymised call records given the pseudonym and stripped of numbers
 * @param auditEntriesScrubbed audit entries whose actor, target or detail named the user
 */
public record ErasureSummary(Optional<String> pseudonym, boolean profileDeleted, int credentialsDeleted,
        int registrationsDeleted, int callRecordsAnonymised, int auditEntriesScrubbed) {

    public ErasureSummary {
        Objects.requireNonNull(pseudonym, "pseudonym");
    }

    /** The summary of an erasure that found nothing to erase. */
    public static ErasureSummary nothing() {
        return new ErasureSummary(Optional.empty(), false, 0, 0, 0, 0);
    }

    /** Whether anything was stored under the id (and is now gone or anonymised). */
    public boolean erasedAnything() {
        return profileDeleted || credentialsDeleted + registrationsDeleted + callRecordsAnonymised
                + auditEntriesScrubbed > 0;
    }
}
