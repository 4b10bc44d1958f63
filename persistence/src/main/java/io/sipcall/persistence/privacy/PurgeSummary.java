package io.sipcall.persistence.privacy;

import java.time.Instant;

/**
 * What one {@link RetentionJob#runOnce()} deleted.
 *
 * @param callRecords  call records deleted (their events went with them)
 * @param auditEntries audit entries deleted
 * @param callsBefore  the cut-off: call records that started before it were deleted
 * @param auditBefore  the cut-off: audit entries written before it were deleted
 */
public record PurgeSummary(long callRecords, long auditEntries, Instant callsBefore, Instant auditBefore) {

    /** Whether the run deleted anything. */
    public boolean deletedAnything() {
        return callRecords + auditEntries > 0;
    }
}
