package io.sipcall.persistence.record.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Counts fdatasync(2) and fsync(2) calls of some processes (their threads, and the threads and
 * processes they start meanwhile) with {@code perf stat} on the kernel's syscall tracepoints: the
 * kernel's count, not the program's idea of it. Needs perf and the right to trace the processes
 * (root, or kernel.perf_event_paranoid low enough); {@link #attach} says when that is missing.
 */
final class SyscallCounter {

    static final String FDATASYNC = "fdatasync";
    static final String FSYNC = "fsync";
    private static final Duration ATTACH_TIMEOUT = Duration.ofSeconds(10);

    private final Process perf;
    private final Path output;

    private SyscallCounter(Process perf, Path output) {
        this.perf = perf;
        this.output = output;
    }

    /**
     * Starts counting for {@code pids} and returns once perf counts (its first 100 ms interval is
     * written), or empty when perf cannot count them.
     */
    static Optional<SyscallCounter> attach(List<Long> pids, Path output) throws IOException, InterruptedException {
        String list = pids.stream().map(String::valueOf).collect(Collectors.joining(","));
        Process perf;
        try {
            perf = new ProcessBuilder("perf", "stat", "-x,", "-I", "100", "-o", output.toString(),
                    "-e", "syscalls:sys_enter_" + FDATASYNC + ",syscalls:sys_enter_" + FSYNC, "-p", list)
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException noPerf) {
            return Optional.empty();
        }
        long deadline = System.nanoTime() + ATTACH_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline && perf.isAlive()) {
            if (Files.exists(output)
                    && Files.readAllLines(output).stream().anyMatch(line -> line.contains("sys_enter"))) {
                return Optional.of(new SyscallCounter(perf, output));
            }
            Thread.sleep(20); // perf gives no other sign that it has attached
        }
        perf.destroyForcibly();
        return Optional.empty();
    }

    /** Stops perf and returns the calls counted since {@link #attach}, by name. */
    Map<String, Long> stop() throws IOException, InterruptedException {
        new ProcessBuilder("kill", "-INT", Long.toString(perf.pid())).start().waitFor();
        if (!perf.waitFor(10, TimeUnit.SECONDS)) {
            perf.destroyForcibly();
        }
        Map<String, Long> counts = new LinkedHashMap<>(Map.of(FDATASYNC, 0L, FSYNC, 0L));
        for (String line : Files.readAllLines(output)) {
            String[] fields = line.trim().split(",");
            if (fields.length > 3 && fields[3].startsWith("syscalls:sys_enter_") && fields[1].matches("\\d+")) {
                counts.merge(fields[3].substring("syscalls:sys_enter_".length()), Long.parseLong(fields[1]), Long::sum);
            }
        }
        return counts;
    }
}
