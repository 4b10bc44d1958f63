package io.sipcall.persistence.embedded;

import io.sipcall.persistence.PersistenceException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An exclusive lock on a cluster directory for the life of one SIPCall process. The operating system
 * releases it when the process dies, even by SIGKILL, so a postmaster found running without the
 * lock held is an orphan, and one found with the lock held belongs to a live instance that must not
 * be disturbed.
 */
final class InstanceLock implements AutoCloseable {

    private final FileChannel channel;
    private final FileLock lock;

    private InstanceLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    static InstanceLock acquire(Path file) {
        try {
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException held) {
                lock = null;
            }
            if (lock == null) {
                channel.close();
                throw new PersistenceException("the embedded PostgreSQL in " + file.getParent() + " is in use by "
                        + "another running SIPCall; stop it first, or give each instance its own data-dir");
            }
            return new InstanceLock(channel, lock);
        } catch (IOException e) {
            throw new PersistenceException("cannot lock " + file, e);
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            throw new PersistenceException("cannot release the lock " + lock, e);
        }
    }
}
