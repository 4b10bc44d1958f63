package io.sipcall.persistence.record;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes call records without making anyone wait: {@link #submit} queues, and one daemon thread
 * spools each batch (fsync'd, {@link Journal}) and then inserts it ({@link CallRecordStore}).
 *
 * <p>When the database fails, the writer goes into outage mode (one WARN): new records are only
 * spooled, and every {@code retryInterval} it replays the whole spool into the database; when that
 * succeeds it empties the spool and goes back to normal (one INFO with how many were recovered).
 * Inserting is idempotent by call id, so replaying records already stored adds nothing. At start it
 * replays whatever spool it finds, which is how records survive a crash. In normal mode the spool is
 * emptied only once it outgrows a size threshold, so a batch costs one fsync and no truncate, or once
 * its oldest record is a minute old: a restart replays only recent records, so it can never bring
 * back a record the retention job deleted (or anything older than a minute). A record the
 * database refuses outright (SQLSTATE 22, 23) cannot block the others: it is moved to
 * {@code calls.rejected} beside the spool with an ERROR.
 *
 * <p>Thread-safe. {@link #close} spools what is queued and tries the database once more; what is
 * not in the database stays in the spool for the next start.
 */
public final class RecordWriter implements AutoCloseable {

    /** Records per spool append and per insert transaction. */
    public static final int DEFAULT_BATCH_SIZE = 500;
    /** Spool size above which a writer in normal mode empties it. */
    public static final long DEFAULT_RESET_THRESHOLD_BYTES = 4L << 20;
    /** Age of the oldest spooled record at which a writer in normal mode empties the spool. */
    public static final Duration DEFAULT_SPOOL_MAX_AGE = Duration.ofMinutes(1);
    /** How long {@link #close()} waits for the queue to be spooled. */
    public static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(10);
    /**
     * How long a batch waits for more records after its first (group commit). Without it, 1,000 calls/s
     * arrive one at a time and each pays a spool fsync and a database commit of its own: about 470 µs
     * of writer CPU per record, against about 80 µs in batches of 20 (docs/benchmarks.md). A record
     * reaches the database at most this much later, which nobody can notice.
     */
    static final Duration LINGER = Duration.ofMillis(10);

    private static final Logger LOG = LoggerFactory.getLogger(RecordWriter.class);
    /** Wakes the thread for {@link #close} and {@link #halt}; carries no record. */
    private static final Entry WAKE = new Entry(null);

    private final Journal journal;
    private final Delivery delivery;
    private final Outage outage;
    private final int batchSize;
    private final long resetThresholdBytes;
    private final Duration spoolMaxAge;
    private final BlockingQueue<Entry> queue = new LinkedBlockingQueue<>();
    private final Progress progress = new Progress();
    private final AtomicLong depth = new AtomicLong();
    private final Thread thread;
    /** Records the spool could not take and the database has not yet: the writer thread's only. */
    private final List<StoredCall> unspooled = new ArrayList<>();
    private volatile boolean starting = true;
    private volatile boolean closing;
    private volatile boolean halted;

    private record Entry(StoredCall call) {
    }

    private RecordWriter(CallRecordStore store, Journal journal, Duration retryInterval, int batchSize,
            long resetThresholdBytes, Duration spoolMaxAge) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1, was " + batchSize);
        }
        this.journal = journal;
        this.delivery = new Delivery(Objects.requireNonNull(store, "store"), journal.file().getParent());
        this.outage = new Outage(retryInterval);
        this.batchSize = batchSize;
        this.resetThresholdBytes = resetThresholdBytes;
        this.spoolMaxAge = Objects.requireNonNull(spoolMaxAge, "spoolMaxAge");
        this.thread = new Thread(this::run, "call-record-writer");
        this.thread.setDaemon(true);
    }

    /**
     * Opens the spool in {@code spoolDirectory} and starts the writer thread, which first replays
     * what the spool holds.
     *
     * @param retryInterval how often the database is tried again during an outage
     *                      ({@code database.retry-interval})
     * @throws SpoolException when the spool cannot be opened (or another writer has it)
     */
    public static RecordWriter start(CallRecordStore store, Path spoolDirectory, Duration retryInterval) {
        return start(store, spoolDirectory, retryInterval, DEFAULT_BATCH_SIZE, DEFAULT_RESET_THRESHOLD_BYTES,
                DEFAULT_SPOOL_MAX_AGE);
    }

    static RecordWriter start(CallRecordStore store, Path spoolDirectory, Duration retryInterval, int batchSize,
            long resetThresholdBytes, Duration spoolMaxAge) {
        Journal journal = Journal.open(spoolDirectory);
        try {
            RecordWriter writer = new RecordWriter(store, journal, retryInterval, batchSize, resetThresholdBytes,
                    spoolMaxAge);
            writer.thread.start();
            return writer;
        } catch (RuntimeException e) {
            journal.close();
            throw e;
        }
    }

    /**
     * Queues {@code call} for writing. Never blocks (the queue is unbounded); safe on a SIP thread. A
     * record submitted after {@link #close} is not written, and says so at ERROR.
     *
     * @throws NullPointerException when {@code call} is null
     */
    public void submit(StoredCall call) {
        Objects.requireNonNull(call, "call");
        if (closing || halted) {
            LOG.error("event=call-record-dropped callId={} note=\"submitted after the writer closed\"", call.id());
            return;
        }
        progress.accepted();
        queue.offer(new Entry(call));
    }

    /** Records spooled (or held in memory when the spool failed) and not known to be in the database. */
    public long spoolDepth() {
        return depth.get();
    }

    /** Records this writer inserted (records found already stored are not counted). */
    public long written() {
        return delivery.written();
    }

    /** False while in outage mode: records are being spooled and the database retried. */
    public boolean databaseUp() {
        return outage.up();
    }

    /**
     * Waits until the start-up replay is done, every submitted record has been handled and nothing is
     * pending (the spool depth is 0), or {@code timeout} passes.
     *
     * @return whether the writer became idle in time
     */
    public boolean awaitIdle(Duration timeout) throws InterruptedException {
        return progress.await(timeout, () -> !starting && depth.get() == 0);
    }

    /** Closes within {@link #DEFAULT_CLOSE_TIMEOUT}. */
    @Override
    public void close() {
        close(DEFAULT_CLOSE_TIMEOUT);
    }

    /**
     * Spools what is queued, tries the database once more if it is up, and stops the thread.
     *
     * @return whether the thread finished within {@code timeout} (if not, it goes on in the background)
     */
    public boolean close(Duration timeout) {
        closing = true;
        queue.offer(WAKE);
        try {
            thread.join(Math.max(1, timeout.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            LOG.warn("event=call-record-writer-close-timeout queued={} spoolDepth={} note=\"still writing in the "
                    + "background\"", queue.size(), depth.get());
            return false;
        }
        queue.forEach(entry -> {
            if (entry.call() != null) {
                LOG.error("event=call-record-dropped callId={} note=\"submitted while the writer closed\"",
                        entry.call().id());
            }
        });
        return true;
    }

    /**
     * Stops the thread as a kill would: what is queued is neither spooled nor written, and the spool
     * is left as it is (only its file is closed, as the operating system would). For crash tests.
     */
    void halt() throws InterruptedException {
        halted = true;
        queue.offer(WAKE);
        thread.join();
    }

    private void run() {
        try {
            startup();
            while (!halted && !(closing && queue.isEmpty())) {
                cycle();
            }
            if (!halted) {
                LOG.info("event=call-record-writer-stopped written={} spoolDepth={}", delivery.written(), depth.get());
            }
        } catch (InterruptedException e) {
            LOG.warn("event=call-record-writer-interrupted spoolDepth={}", depth.get());
            Thread.currentThread().interrupt();
        } finally {
            journal.close();
            progress.changed();
        }
    }

    private void startup() {
        try {
            int found = journal.replay(batchSize, batch -> { });
            depth.set(found);
            LOG.info("event=call-record-writer-started spool={} spooled={}", journal.file(), found);
            if (found > 0) {
                recover();
            }
        } catch (RuntimeException e) {
            LOG.error("event=call-record-startup-failed spool={} error=\"{}\"", journal.file(), e.toString(), e);
            outage.failed(e, depth.get());
        } finally {
            starting = false;
            progress.changed();
        }
    }

    /** One turn: take a batch (waiting for one, or for the next retry), spool it, write it. */
    private void cycle() throws InterruptedException {
        List<StoredCall> batch = take();
        try {
            if (!batch.isEmpty()) {
                boolean spooled = spool(batch);
                depth.addAndGet(batch.size());
                if (outage.up() && write(batch)) {
                    depth.addAndGet(-batch.size());
                } else if (!spooled) {
                    unspooled.addAll(batch);
                }
            }
            if (outage.up()) {
                trimSpool();
            } else if (!closing && outage.retryDue()) {
                recover();
            }
        } catch (RuntimeException e) {
            LOG.error("event=call-record-writer-failed error=\"{}\"", e.toString(), e);
            outage.failed(e, depth.get());
        } finally {
            progress.handled(batch.size());
        }
    }

    /** The next batch: waits for a record, or until a retry is due or the spool is due for emptying. */
    private List<StoredCall> take() throws InterruptedException {
        long wait = closing ? -1 : !outage.up() ? outage.nanosUntilRetry()
                : journal.size() == 0 ? -1 : Math.max(0, spoolMaxAge.minus(journal.age()).toNanos());
        Entry first = wait < 0 ? queue.take() : queue.poll(wait, TimeUnit.NANOSECONDS);
        List<Entry> entries = new ArrayList<>();
        if (first != null) {
            entries.add(first);
            queue.drainTo(entries, batchSize - 1);
            linger(entries);
        }
        return entries.stream().map(Entry::call).filter(Objects::nonNull).toList();
    }

    /** Lets a small batch fill up for at most {@link #LINGER}, unless the writer is closing. */
    private void linger(List<Entry> entries) throws InterruptedException {
        long deadline = System.nanoTime() + LINGER.toNanos();
        while (entries.size() < batchSize && !closing && !halted) {
            long left = deadline - System.nanoTime();
            Entry next = left > 0 ? queue.poll(left, TimeUnit.NANOSECONDS) : null;
            if (next == null) {
                return;
            }
            entries.add(next);
            queue.drainTo(entries, batchSize - entries.size());
        }
    }

    /** Appends to the spool; false (with an ERROR) when that fails: the batch is then held in memory. */
    private boolean spool(List<StoredCall> batch) {
        try {
            journal.append(batch);
            return true;
        } catch (RuntimeException e) {
            LOG.error("event=call-spool-write-failed records={} firstCallId={} error=\"{}\" note=\"held in memory "
                    + "until the database takes them\"", batch.size(), batch.get(0).id(), e.getMessage());
            return false;
        }
    }

    /** Inserts in normal mode; false when the database is unavailable (outage mode from now). */
    private boolean write(List<StoredCall> batch) {
        try {
            delivery.insert(batch);
            return true;
        } catch (DatabaseUnavailableException e) {
            outage.failed(e, depth.get());
            return false;
        }
    }

    /**
     * Replays the spool and the records held in memory into the database; on success empties the spool
     * and leaves outage mode, else schedules the next try.
     */
    private void recover() {
        AtomicLong inserted = new AtomicLong();
        try {
            int replayed = journal.replay(batchSize, batch -> inserted.addAndGet(delivery.insert(batch)));
            inserted.addAndGet(delivery.insert(List.copyOf(unspooled)));
            unspooled.clear();
            journal.reset();
            depth.set(0);
            LOG.info("event=call-records-recovered replayed={} recovered={} note=\"{}\"", replayed, inserted.get(),
                    outage.recovered() ? "the database is back" : "spool from an earlier run");
        } catch (DatabaseUnavailableException | SpoolException e) {
            outage.failed(e, depth.get());
        }
    }

    /** In normal mode everything spooled is stored: empty the spool once it is big or old enough. */
    private void trimSpool() {
        long size = journal.size();
        if (depth.get() == 0 && unspooled.isEmpty() && size > 0
                && (size > resetThresholdBytes || journal.age().compareTo(spoolMaxAge) >= 0)) {
            journal.reset();
        }
    }
}
