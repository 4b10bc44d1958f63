package io.sipcall.persistence.record;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether {@link RecordWriter} believes the database is up and, while it is not, when to try again.
 * One WARN when an outage starts, DEBUG for each failed retry. Changed by the writer thread only;
 * {@link #up} is read by any.
 */
final class Outage {

    private static final Logger LOG = LoggerFactory.getLogger(RecordWriter.class);

    private final Duration retryInterval;
    private volatile boolean up = true;
    private long nextRetryNanos;

    Outage(Duration retryInterval) {
        if (retryInterval.isNegative() || retryInterval.isZero()) {
            throw new IllegalArgumentException("retryInterval must be positive, was " + retryInterval);
        }
        this.retryInterval = retryInterval;
    }

    boolean up() {
        return up;
    }

    /** The database failed: outage mode (from now, or still), next retry one interval away. */
    void failed(RuntimeException cause, long spoolDepth) {
        nextRetryNanos = System.nanoTime() + retryInterval.toNanos();
        if (up) {
            up = false;
            LOG.warn("event=call-records-spooling spoolDepth={} retryInterval={} error=\"{}\"", spoolDepth,
                    retryInterval, cause.getMessage());
        } else {
            LOG.debug("event=call-records-retry-failed spoolDepth={} error=\"{}\"", spoolDepth, cause.getMessage());
        }
    }

    /** Everything spooled is in the database. Whether an outage ended (false at a start-up replay). */
    boolean recovered() {
        boolean ended = !up;
        up = true;
        return ended;
    }

    boolean retryDue() {
        return !up && System.nanoTime() - nextRetryNanos >= 0;
    }

    /** How long to wait for new records before the next retry is due. */
    long nanosUntilRetry() {
        return Math.max(0, nextRetryNanos - System.nanoTime());
    }
}
