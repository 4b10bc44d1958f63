package io.sipcall.persistence.record;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One pass over the spool's frames for {@link Journal#replay}: reads, checks, batches, cuts a bad tail. */
final class JournalReader {

    private static final Logger LOG = LoggerFactory.getLogger(Journal.class);

    private final Path file;
    private final FileChannel channel;
    private final int batchSize;
    private final Consumer<List<StoredCall>> batches;
    private List<StoredCall> batch = new ArrayList<>();
    private int delivered;

    JournalReader(Path file, FileChannel channel, int batchSize, Consumer<List<StoredCall>> batches) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1, was " + batchSize);
        }
        this.file = file;
        this.channel = channel;
        this.batchSize = batchSize;
        this.batches = batches;
    }

    int read() throws IOException {
        long size = channel.size();
        long position = 0;
        while (position < size) {
            long next = frame(position, size);
            if (next < 0) {
                break;
            }
            position = next;
        }
        flush();
        return delivered;
    }

    /** Reads the frame at {@code position}; the position after it, or -1 when the tail was cut there. */
    private long frame(long position, long size) throws IOException {
        if (size - position < Journal.HEADER_BYTES) {
            return cutTorn(position, size);
        }
        ByteBuffer header = readFully(position, Journal.HEADER_BYTES);
        int length = header.getInt();
        int crc = header.getInt();
        if (length <= 0 || length > Journal.MAX_FRAME_BYTES) {
            return cutDamaged(position, size, "length " + length);
        }
        if (size - position - Journal.HEADER_BYTES < length) {
            return cutTorn(position, size);
        }
        byte[] json = readFully(position + Journal.HEADER_BYTES, length).array();
        if (Journal.crc(json) != crc) {
            return cutDamaged(position, size, "crc mismatch");
        }
        StoredCall call;
        try {
            call = RecordJson.call(json);
        } catch (IOException e) {
            return cutDamaged(position, size, "not a call record: " + e.getClass().getSimpleName());
        }
        batch.add(call);
        if (batch.size() >= batchSize) {
            flush();
        }
        return position + Journal.HEADER_BYTES + length;
    }

    private void flush() {
        if (!batch.isEmpty()) {
            List<StoredCall> full = batch;
            batch = new ArrayList<>();
            batches.accept(List.copyOf(full));
            delivered += full.size();
        }
    }

    private ByteBuffer readFully(long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                throw new IOException("the spool ended while reading it");
            }
        }
        return buffer.flip();
    }

    /** An incomplete last frame: a write a crash interrupted. It holds no whole record. */
    private long cutTorn(long position, long size) throws IOException {
        flush();
        LOG.warn("event=call-spool-torn-tail file={} offset={} bytes={} note=\"an interrupted write; cut off\"",
                file, position, size - position);
        truncate(position);
        return -1;
    }

    /** A frame that fails its check: kept aside with everything after it, then cut off. */
    private long cutDamaged(long position, long size, String why) throws IOException {
        flush();
        Path aside = file.resolveSibling(file.getFileName() + ".damaged-" + System.currentTimeMillis());
        try (FileChannel out = FileChannel.open(aside, java.util.Set.of(StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE), PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rw-------")))) {
            long copied = 0;
            while (copied < size - position) {
                copied += channel.transferTo(position + copied, size - position - copied, out);
            }
            out.force(true);
        }
        LOG.warn("event=call-spool-damaged file={} offset={} bytes={} why=\"{}\" kept={} note=\"replay stops "
                + "here; records after this point are in the kept file\"", file, position, size - position, why,
                aside.getFileName());
        truncate(position);
        return -1;
    }

    private void truncate(long position) throws IOException {
        channel.truncate(position);
        channel.force(true);
    }
}
