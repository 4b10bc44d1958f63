package io.sipcall.persistence.internal;

import io.sipcall.persistence.PersistenceException;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.function.Supplier;

/** Generated secrets kept in owner-only files (base64, one per file) under the data directory. */
public final class SecretFiles {

    private SecretFiles() {
    }

    /**
     * The secret in {@code file}, created from {@code generate} first if the file does not exist. The
     * file is written under a temporary name and moved into place, so a crash never leaves half a key.
     */
    public static byte[] readOrCreate(Path file, Supplier<byte[]> generate) {
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(file.getParent());
                restrict(file.getParent(), "rwx------");
                Path temp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
                restrict(temp, "rw-------");
                Files.writeString(temp, Base64.getEncoder().encodeToString(generate.get()));
                try {
                    Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
                } catch (FileAlreadyExistsException raced) {
                    Files.deleteIfExists(temp);
                }
            }
            return Base64.getDecoder().decode(Files.readString(file).strip());
        } catch (IOException | IllegalArgumentException e) {
            throw new PersistenceException("cannot read or create the secret file " + file, e);
        }
    }

    private static void restrict(Path path, String permissions) throws IOException {
        if (path.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(permissions));
        }
    }
}
