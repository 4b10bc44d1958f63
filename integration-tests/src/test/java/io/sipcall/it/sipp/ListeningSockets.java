package io.sipcall.it.sipp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Whether a process has bound a port, read from Linux's {@code /proc}: the socket inodes behind the
 * process's file descriptors, matched against {@code /proc/net/{udp,tcp}[6]}.
 */
final class ListeningSockets {

    /** {@code st} column of a TCP socket in LISTEN (include/net/tcp_states.h). */
    private static final String TCP_LISTEN = "0A";

    private ListeningSockets() {
    }

    static boolean isBound(long pid, Sipp.Transport transport, int port) {
        Set<String> inodes = socketInodes(pid);
        if (inodes.isEmpty()) {
            return false;
        }
        List<String> tables = transport == Sipp.Transport.UDP
                ? List.of("/proc/net/udp", "/proc/net/udp6")
                : List.of("/proc/net/tcp", "/proc/net/tcp6");
        for (String table : tables) {
            if (tableHas(Path.of(table), transport, port, inodes)) {
                return true;
            }
        }
        return false;
    }

    private static boolean tableHas(Path table, Sipp.Transport transport, int port, Set<String> inodes) {
        List<String> lines;
        try {
            lines = Files.readAllLines(table);
        } catch (NoSuchFileException e) {
            return false; // e.g. no IPv6 in this kernel
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + table, e);
        }
        // "sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode ..."
        for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
            String[] f = line.trim().split("\\s+");
            if (f.length < 10) {
                continue;
            }
            String local = f[1];
            int localPort = Integer.parseInt(local.substring(local.lastIndexOf(':') + 1), 16);
            if (localPort == port
                    && (transport == Sipp.Transport.UDP || TCP_LISTEN.equals(f[3]))
                    && inodes.contains(f[9])) {
                return true;
            }
        }
        return false;
    }

    private static Set<String> socketInodes(long pid) {
        Path fdDir = Path.of("/proc", Long.toString(pid), "fd");
        Set<String> inodes = new HashSet<>();
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(fdDir)) {
            for (Path fd : fds) {
                String target;
                try {
                    target = Files.readSymbolicLink(fd).toString();
                } catch (IOException e) {
                    continue; // closed while we looked
                }
                if (target.startsWith("socket:[") && target.endsWith("]")) {
                    inodes.add(target.substring("socket:[".length(), target.length() - 1));
                }
            }
        } catch (NoSuchFileException e) {
            return Set.of(); // the process is gone
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + fdDir + " (the harness needs Linux /proc)", e);
        }
        return inodes;
    }
}
