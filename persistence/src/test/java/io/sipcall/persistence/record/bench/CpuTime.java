package io.sipcall.persistence.record.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** CPU time used so far by this JVM, and by a PostgreSQL server with all its processes, from /proc. */
final class CpuTime {

    /** Linux reports /proc times in USER_HZ ticks, 100 per second on every architecture it runs on. */
    private static final long NANOS_PER_TICK = 10_000_000L;

    private CpuTime() {
    }

    /** This JVM's CPU time, all threads. */
    static Duration jvm() {
        return Duration.ofNanos(((com.sun.management.OperatingSystemMXBean) ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime());
    }

    /**
     * The postmaster's CPU time, its live children's, and that of the children it has reaped
     * (autovacuum workers, ended sessions): the whole server's, up to the /proc tick.
     */
    static Duration server(long postmaster) throws IOException {
        long ticks = ticks(postmaster, true);
        for (long child : children(postmaster)) {
            ticks += ticks(child, false);
        }
        return Duration.ofNanos(ticks * NANOS_PER_TICK);
    }

    /** The postmaster and its children, for {@link SyscallCounter}. */
    static List<Long> serverProcesses(long postmaster) {
        List<Long> pids = new ArrayList<>(List.of(postmaster));
        pids.addAll(children(postmaster));
        return pids;
    }

    private static List<Long> children(long pid) {
        return ProcessHandle.of(pid).stream().flatMap(ProcessHandle::children).map(ProcessHandle::pid).toList();
    }

    /** utime + stime (fields 14, 15), plus cutime + cstime (16, 17) when {@code reaped}. */
    private static long ticks(long pid, boolean reaped) throws IOException {
        String stat;
        try {
            stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        } catch (NoSuchFileException gone) {
            return 0;
        }
        // pid (comm) state ppid ...: fields from the state on, after the last ')'.
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
        long own = Long.parseLong(f[11]) + Long.parseLong(f[12]);
        return reaped ? own + Long.parseLong(f[13]) + Long.parseLong(f[14]) : own;
    }
}
