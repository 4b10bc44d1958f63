package io.sipcall.persistence.directory;

import io.sipcall.persistence.crypto.LookupHash;
import org.jdbi.v3.core.Handle;

/**
 * Which directory entries were deleted on purpose, so that {@link ConfigSeeder} does not bring back
 * what an admin deleted or a user had erased while the configuration file still names it. A key is
 * stored only as its {@link LookupHash}. Creating the entry again through the API clears the mark.
 */
public final class Deletions {

    /** The kinds of entries. */
    public enum Kind {
        USER, TRUNK, RATE;

        String column() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final LookupHash hash;

    public Deletions(LookupHash hash) {
        this.hash = hash;
    }

    /** Marks {@code key} of {@code kind} deleted, inside the caller's transaction. */
    public void mark(Handle handle, Kind kind, String key) {
        handle.createUpdate("INSERT INTO directory_deletions (kind, key_hmac) VALUES (:kind, :hmac) "
                        + "ON CONFLICT (kind, key_hmac) DO UPDATE SET deleted_at = now()")
                .bind("kind", kind.column())
                .bind("hmac", hash.of(kind.column() + ":" + key))
                .execute();
    }

    /** Clears the mark of {@code key}: it was created again on purpose. */
    void clear(Handle handle, Kind kind, String key) {
        handle.createUpdate("DELETE FROM directory_deletions WHERE kind = :kind AND key_hmac = :hmac")
                .bind("kind", kind.column())
                .bind("hmac", hash.of(kind.column() + ":" + key))
                .execute();
    }

    /** Whether {@code key} of {@code kind} was deleted on purpose. */
    boolean isDeleted(Handle handle, Kind kind, String key) {
        return handle.createQuery("SELECT 1 FROM directory_deletions WHERE kind = :kind AND key_hmac = :hmac")
                .bind("kind", kind.column())
                .bind("hmac", hash.of(kind.column() + ":" + key))
                .mapTo(Integer.class)
                .findOne()
                .isPresent();
    }
}
