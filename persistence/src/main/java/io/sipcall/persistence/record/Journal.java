package io.sipcall.persistence.record;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.zip.CRC32;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The spool: an append-only file of call records, {@code calls.spool} in its directory. Each record
 * is one frame, {@code [int length][int crc32][json]} (big-endian; the CRC is over the JSON bytes),
 * and every {@link #append} ends with one fsync for the whole batch (group commit).
 *
 * <p>A crash can leave a torn last frame; a disk can rot. Reading stops at the first frame that is
 * incomplete or fails its check, and cuts the file there, with a WARN: a torn tail holds no complete
 * record and is dropped; a damaged frame may be followed by good ones, so everything from it on is
 * first copied to {@code calls.spool.damaged-MILLIS} beside the spool, so no record is silently
 * destroyed. The file and its directory are owner-only; the records in it hold no plaintext number.
 *
 * <p>Not thread-safe: one thread (the {@link RecordWriter}'s) owns it. One process at a time: the
 * file is locked while open.
 */
public final class Journal implements AutoCloseable {

    /** The spool file's name inside its directory. */
    public static final String FILE_NAME = "calls.spool";
    static final int HEADER_BYTES = 8;
    /** Far above any record; a larger length is damage, not a record. */
    static final int MAX_FRAME_BYTES = 16 << 20;

    private static final Logger LOG = LoggerFactory.getLogger(Journal.class);

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;
    /** When the oldest frame was appended (System.nanoTime), or -1 while the spool is empty. */
    private long oldestNanos;

    private Journal(Path file, FileChannel channel, FileLock lock) throws IOException {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
        this.oldestNanos = channel.size() > 0 ? System.nanoTime() : -1; // found on disk: age unknown, counted from now
    }

    /**
     * Opens (creating when needed) the spool in {@code directory} and locks it.
     *
     * @throws SpoolException when it cannot be created or opened, or another writer holds it
     */
    public static Journal open(Path directory) {
        return open(directory, FILE_NAME);
    }

    /** Opens the spool file {@code name} in {@code directory} (the writer's file of refused records). */
    static Journal open(Path directory, String name) {
        Path file = directory.resolve(name);
        try {
            Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rwx------")));
            createOwnerOnly(directory, file);
            FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
            try {
                FileLock lock = channel.tryLock();
                if (lock == null) {
                    throw new SpoolException("the call-record spool " + file + " is in use by another process");
                }
                return new Journal(file, channel, lock);
            } catch (IOException | RuntimeException e) {
                channel.close();
                throw e;
            }
        } catch (OverlappingFileLockException e) {
            throw new SpoolException("the call-record spool " + file + " is already open in this process", e);
        } catch (IOException e) {
            throw new SpoolException("cannot open the call-record spool " + file + ": " + e, e);
        }
    }

    /** Creates the file owner-only and makes its directory entry durable; an existing file is kept. */
    private static void createOwnerOnly(Path directory, Path file) throws IOException {
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (FileAlreadyExistsException existing) {
            return;
        }
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        }
    }

    /** The spool file. */
    public Path file() {
        return file;
    }

    /** Its size in bytes. */
    public long size() {
        try {
            return channel.size();
        } catch (IOException e) {
            throw new SpoolException("cannot read the size of " + file, e);
        }
    }

    /** How long the oldest frame has been in the spool (zero when it is empty). */
    public Duration age() {
        return oldestNanos < 0 ? Duration.ZERO : Duration.ofNanos(System.nanoTime() - oldestNanos);
    }

    /**
     * Appends {@code calls} and forces them to disk before returning. On failure the file is cut back
     * to where it was, so a half-written batch never sits in front of later ones.
     */
    public void append(List<StoredCall> calls) {
        if (calls.isEmpty()) {
            return;
        }
        ByteBuffer frames = frames(calls);
        long start = size();
        try {
            long position = start;
            while (frames.hasRemaining()) {
                position += channel.write(frames, position);
            }
            // force(false) is fdatasync(2): it also flushes the file size, which reading the data needs.
            channel.force(false);
            if (oldestNanos < 0) {
                oldestNanos = System.nanoTime();
            }
        } catch (IOException e) {
            undo(start, e);
            throw new SpoolException("cannot append " + calls.size() + " call records to " + file + ": " + e, e);
        }
    }

    private static ByteBuffer frames(List<StoredCall> calls) {
        List<byte[]> bodies = new ArrayList<>(calls.size());
        int total = 0;
        for (StoredCall call : calls) {
            byte[] json = RecordJson.bytes(call);
            bodies.add(json);
            total += HEADER_BYTES + json.length;
        }
        ByteBuffer frames = ByteBuffer.allocate(total);
        for (byte[] json : bodies) {
            frames.putInt(json.length).putInt(crc(json)).put(json);
        }
        return frames.flip();
    }

    private void undo(long size, IOException cause) {
        try {
            channel.truncate(size);
        } catch (IOException e) {
            cause.addSuppressed(e);
        }
    }

    /**
     * Reads the spool from the start and hands its records to {@code batches}, up to
     * {@code batchSize} at a time. Stops at a torn or damaged frame and cuts it off (see the class
     * comment). An exception from {@code batches} stops the replay and is passed on; the spool is
     * left as it is.
     *
     * @return how many records were handed over
     */
    public int replay(int batchSize, Consumer<List<StoredCall>> batches) {
        try {
            return new JournalReader(file, channel, batchSize, batches).read();
        } catch (IOException e) {
            throw new SpoolException("cannot read the call-record spool " + file + ": " + e, e);
        }
    }

    /** Every record in the spool (tests, and small spools). */
    public List<StoredCall> readAll() {
        List<StoredCall> all = new ArrayList<>();
        replay(1_000, all::addAll);
        return all;
    }

    /** Empties the spool: everything in it is known to be in the database. */
    public void reset() {
        try {
            channel.truncate(0);
            channel.force(true);
            oldestNanos = -1;
        } catch (IOException e) {
            throw new SpoolException("cannot empty the call-record spool " + file + ": " + e, e);
        }
    }

    /** Releases the lock and closes the file. Nothing is written. */
    @Override
    public void close() {
        try (channel) {
            if (lock.isValid()) {
                lock.release();
            }
        } catch (IOException e) {
            LOG.warn("event=call-spool-close-failed file={} error=\"{}\"", file, e.toString());
        }
    }

    static int crc(byte[] bytes) {
        CRC32 crc = new CRC32();
        crc.update(bytes);
        return (int) crc.getValue();
    }
}
