package io.sipcall.config;

import java.time.Duration;
import java.util.Objects;

/**
 * How long personal data is kept (GDPR storage limitation).
 *
 * @param callRecordsDays call records (and their events) older than this many days are deleted; key
 *                        {@code retention.call-records-days}
 * @param auditLogDays    audit log entries older than this many days are deleted; key
 *                        {@code retention.audit-log-days}
 * @param interval        how often the retention job runs; key {@code retention.interval}
 */
public record RetentionConfig(int callRecordsDays, int auditLogDays, Duration interval) {

    public RetentionConfig {
        Objects.requireNonNull(interval, "retention.interval");
    }
}
