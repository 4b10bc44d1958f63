package io.sipcall.persistence.embedded;

import io.sipcall.persistence.PersistenceException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.tukaani.xz.XZInputStream;

/**
 * The PostgreSQL binaries for this platform, unpacked once from the bundled archive into
 * {@code <dir>/<version>}. Unpacking goes to a temporary directory that is renamed into place when
 * complete, so an interrupted unpack is never mistaken for a finished one.
 */
final class PostgresBinaries {

    private PostgresBinaries() {
    }

    /**
     * Where binaries are unpacked: {@code sipcall-postgres-USER} in the system temporary directory,
     * readable by all (the server may run as {@code nobody}) and writable only by this user. A
     * directory there that someone else owns or may write is refused: its programs would be run.
     */
    static Path cacheDirectory() {
        Path dir = Path.of(System.getProperty("java.io.tmpdir"), "sipcall-postgres-" + System.getProperty("user.name"));
        try {
            Files.createDirectories(dir);
            String owner = Files.getOwner(dir).getName();
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(dir);
            if (!owner.equals(System.getProperty("user.name"))
                    || permissions.contains(PosixFilePermission.GROUP_WRITE)
                    || permissions.contains(PosixFilePermission.OTHERS_WRITE)) {
                throw new PersistenceException("refusing the PostgreSQL binaries directory " + dir + ": it must be "
                        + "owned by " + System.getProperty("user.name") + " and writable by no one else (owner "
                        + owner + ", " + java.nio.file.attribute.PosixFilePermissions.toString(permissions) + ")");
            }
            Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
            return dir;
        } catch (IOException e) {
            throw new PersistenceException("cannot create the PostgreSQL binaries directory " + dir, e);
        }
    }

    /** The directory holding {@code bin/}, {@code lib/} and {@code share/}, unpacked if needed. */
    static Path unpack(Path dir, String version) {
        Path target = dir.resolve(version);
        if (Files.isExecutable(target.resolve("bin").resolve("pg_ctl"))) {
            return target;
        }
        String resource = archiveName();
        Path temp = dir.resolve(version + ".unpacking-" + UUID.randomUUID());
        try (InputStream archive = PostgresBinaries.class.getClassLoader().getResourceAsStream(resource)) {
            if (archive == null) {
                throw new PersistenceException("no embedded PostgreSQL for " + System.getProperty("os.name") + "/"
                        + System.getProperty("os.arch") + " (" + resource + " is not bundled); set database.url "
                        + "to a PostgreSQL server");
            }
            Files.createDirectories(temp);
            Files.setPosixFilePermissions(temp, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
            extract(archive, temp);
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException raced) {
                if (!Files.isExecutable(target.resolve("bin").resolve("pg_ctl"))) {
                    throw raced;
                }
                deleteTree(temp);
            }
            return target;
        } catch (IOException e) {
            throw new PersistenceException("cannot unpack the embedded PostgreSQL into " + dir, e);
        }
    }

    private static String archiveName() {
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
        String system = os.contains("linux") ? "linux" : os.contains("mac") ? "darwin" : os;
        String architecture = switch (arch) {
            case "amd64", "x86_64" -> "x86_64";
            case "aarch64", "arm64" -> "arm_64";
            default -> arch;
        };
        return "postgres-" + system + "-" + architecture + ".txz";
    }

    private static void extract(InputStream archive, Path into) throws IOException {
        Path root = into.toAbsolutePath().normalize();
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new XZInputStream(new BufferedInputStream(archive)))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                Path path = root.resolve(entry.getName()).normalize();
                if (!path.startsWith(root)) {
                    throw new IOException("archive entry outside its directory: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(path);
                    Files.setPosixFilePermissions(path, permissions(0755));
                } else if (entry.isSymbolicLink()) {
                    Files.createDirectories(path.getParent());
                    Files.createSymbolicLink(path, Path.of(entry.getLinkName()));
                } else {
                    Files.createDirectories(path.getParent());
                    Files.copy(tar, path, StandardCopyOption.REPLACE_EXISTING);
                    Files.setPosixFilePermissions(path, permissions(entry.getMode()));
                }
            }
        }
    }

    private static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> set = EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
                PosixFilePermission.GROUP_READ, PosixFilePermission.OTHERS_READ);
        if ((mode & 0111) != 0) {
            set.add(PosixFilePermission.OWNER_EXECUTE);
            set.add(PosixFilePermission.GROUP_EXECUTE);
            set.add(PosixFilePermission.OTHERS_EXECUTE);
        }
        return set;
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
