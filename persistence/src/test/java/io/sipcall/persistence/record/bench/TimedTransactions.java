package io.sipcall.persistence.record.bench;

import java.sql.SQLException;
import java.util.Arrays;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.transaction.DelegatingTransactionHandler;
import org.jdbi.v3.core.transaction.TransactionHandler;

/**
 * Times every transaction run through a JDBI {@link Handle#inTransaction}: for the call-record store
 * that is one insert batch (look up the batch's ids, insert the calls, insert their events, commit).
 * Install it on a JDBI of its own ({@link org.jdbi.v3.core.Jdbi#setTransactionHandler}), wrapping
 * that JDBI's handler, and nothing in production changes. Thread-safe; meant for the one writer thread.
 */
final class TimedTransactions extends DelegatingTransactionHandler {

    private final Samples samples;

    /** Times the transactions {@code delegate} runs (a JDBI's own handler). */
    TimedTransactions(TransactionHandler delegate) {
        this(delegate, new Samples());
    }

    private TimedTransactions(TransactionHandler delegate, Samples samples) {
        super(delegate);
        this.samples = samples;
    }

    @Override
    public TransactionHandler specialize(Handle handle) throws SQLException {
        return new TimedTransactions(getDelegate().specialize(handle), samples);
    }

    @Override
    public <R, X extends Exception> R inTransaction(Handle handle, HandleCallback<R, X> callback) throws X {
        long start = System.nanoTime();
        try {
            return super.inTransaction(handle, callback);
        } finally {
            samples.add(System.nanoTime() - start);
        }
    }

    /** The durations (ns) since the last call, sorted; starts a new series. */
    long[] drain() {
        return samples.drain();
    }

    /** Durations in nanoseconds, appended by one thread, drained by another. */
    private static final class Samples {
        private long[] values = new long[1024];
        private int size;

        synchronized void add(long nanos) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = nanos;
        }

        synchronized long[] drain() {
            long[] out = Arrays.copyOf(values, size);
            size = 0;
            Arrays.sort(out);
            return out;
        }
    }
}
