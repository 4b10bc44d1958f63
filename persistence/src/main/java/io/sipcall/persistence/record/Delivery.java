package io.sipcall.persistence.record;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts batches into the database for {@link RecordWriter}, so that one record the database refuses
 * cannot hold back the rest: the batch is retried record by record and each refused one is appended
 * to {@code calls.rejected} beside the spool (same frame format) with an ERROR. Writer thread only.
 */
final class Delivery {

    static final String REJECTED_FILE = "calls.rejected";
    private static final Logger LOG = LoggerFactory.getLogger(RecordWriter.class);

    private final CallRecordStore store;
    private final Path spoolDirectory;
    private final AtomicLong written = new AtomicLong();

    Delivery(CallRecordStore store, Path spoolDirectory) {
        this.store = store;
        this.spoolDirectory = spoolDirectory;
    }

    /** Records this delivery inserted (those found already stored are not counted). */
    long written() {
        return written.get();
    }

    /**
     * Inserts {@code batch}, setting aside records the database refuses.
     *
     * @return how many records were new
     * @throws DatabaseUnavailableException when the database cannot take records now
     */
    int insert(List<StoredCall> batch) {
        int fresh;
        try {
            fresh = store.insert(batch);
        } catch (RecordRejectedException rejected) {
            fresh = 0;
            for (StoredCall call : batch) {
                try {
                    fresh += store.insert(List.of(call));
                } catch (RecordRejectedException e) {
                    setAside(call, e);
                }
            }
        }
        written.addAndGet(fresh);
        return fresh;
    }

    private void setAside(StoredCall call, RecordRejectedException why) {
        try (Journal rejected = Journal.open(spoolDirectory, REJECTED_FILE)) {
            rejected.append(List.of(call));
            LOG.error("event=call-record-rejected callId={} kept={} error=\"{}\"", call.id(), REJECTED_FILE,
                    why.getMessage(), why);
        } catch (SpoolException e) {
            LOG.error("event=call-record-lost callId={} error=\"{}\" note=\"refused by the database and by the "
                    + "disk\"", call.id(), e.getMessage(), why);
        }
    }
}
