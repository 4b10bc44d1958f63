package io.sipcall.it.app;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The runnable jar, {@code app/target/sipcall.jar}, started as its own JVM the way the README says:
 * {@code java -jar sipcall.jar [args]}, in a working directory of the test's choosing.
 *
 * <p>The child gets this JVM's environment without any {@code SIPCALL_*} variable (a developer's
 * shell must not change what a test runs), plus the variables the test sets. Its stdout and stderr go
 * to {@code stdout.log} and {@code stderr.log} in the working directory: a file never blocks the
 * child as a full pipe would. Waits never sleep blindly: they read the log between short
 * {@link Process#waitFor(long, TimeUnit)} calls, which return at once if the process exits.
 *
 * <p>Close it (try-with-resources) to leave no stray process: closing kills it if it still runs.
 * Thread-safe.
 */
public final class SipCallProcess implements AutoCloseable {

    /** The README's path, from the integration-tests module directory, where Maven runs the tests. */
    private static final Path JAR = Path.of("..", "app", "target", "sipcall.jar");
    private static final Path APP_CLASSES = Path.of("..", "app", "target", "classes");
    private static final String STDOUT_LOG = "stdout.log";
    private static final String STDERR_LOG = "stderr.log";
    private static final long POLL_MILLIS = 20;

    private final Process process;
    private final List<String> command;
    private final Path workDir;

    private SipCallProcess(Process process, List<String> command, Path workDir) {
        this.process = process;
        this.command = command;
        this.workDir = workDir;
    }

    /**
     * The runnable jar, checked to exist and to be no older than app's compiled classes.
     *
     * @throws AssertionError saying how to build it, when it is missing or stale
     */
    public static Path jar() {
        Path jar = JAR.toAbsolutePath().normalize();
        if (!Files.isRegularFile(jar)) {
            throw new AssertionError("The runnable jar " + jar + " does not exist. Build it with ./mvnw package, or run"
                    + " the reactor with ./mvnw verify (app is packaged before integration-tests runs its tests)."
                    + " These tests expect the integration-tests module directory as working directory, as Maven"
                    + " sets it; the working directory is " + Path.of("").toAbsolutePath() + ".");
        }
        Optional<Path> newer = newestClass().filter(cls -> modified(cls).compareTo(modified(jar)) > 0);
        if (newer.isPresent()) {
            throw new AssertionError("The runnable jar " + jar + " is older than " + newer.get().toAbsolutePath().normalize()
                    + ": app was compiled but not packaged since (./mvnw test stops before package)."
                    + " Run ./mvnw verify, or ./mvnw package first.");
        }
        return jar;
    }

    /**
     * Starts {@code java -jar sipcall.jar args} in {@code workDir}, with the JDK running the tests.
     *
     * @param env {@code SIPCALL_*} variables (and any other) to set for the child
     */
    public static SipCallProcess start(Path workDir, Map<String, String> env, String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-jar");
        command.add(jar().toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(workDir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(workDir.resolve(STDOUT_LOG).toFile())
                .redirectError(workDir.resolve(STDERR_LOG).toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("SIPCALL_"));
        builder.environment().putAll(env);
        try {
            return new SipCallProcess(builder.start(), List.copyOf(command), workDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + String.join(" ", command), e);
        }
    }

    /**
     * Waits for a complete stdout line containing {@code fragment}, i.e. a log line, and returns it.
     *
     * @throws AssertionError if the process exits first or the line does not come within {@code timeout}
     */
    public String awaitLogLine(String fragment, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (true) {
                Optional<String> line = completeLines(stdout()).filter(l -> l.contains(fragment)).findFirst();
                if (line.isPresent()) {
                    return line.get();
                }
                if (!process.isAlive()) {
                    // It may have written the line just before exiting: one last look.
                    line = completeLines(stdout()).filter(l -> l.contains(fragment)).findFirst();
                    if (line.isPresent()) {
                        return line.get();
                    }
                    throw new AssertionError(describe("exited with " + process.exitValue()
                            + " before logging \"" + fragment + "\""));
                }
                if (System.nanoTime() - deadline > 0) {
                    throw new AssertionError(describe("did not log \"" + fragment + "\" within " + timeout));
                }
                process.waitFor(POLL_MILLIS, TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for \"" + fragment + "\"", e);
        }
    }

    /**
     * The first complete stdout line containing {@code fragment}, logged so far.
     *
     * @throws AssertionError if there is none
     */
    public String logLine(String fragment) {
        return completeLines(stdout()).filter(l -> l.contains(fragment)).findFirst()
                .orElseThrow(() -> new AssertionError(describe("logged no line with \"" + fragment + "\"")));
    }

    /**
     * Waits for the process to exit on its own and returns its exit status.
     *
     * @throws AssertionError if it still runs after {@code timeout}; it is then killed
     */
    public int awaitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
                String report = describe("did not exit within " + timeout);
                kill();
                throw new AssertionError(report);
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill();
            throw new IllegalStateException("interrupted while waiting for the jar to exit", e);
        }
    }

    /** Sends SIGTERM, as {@code kill PID}, systemd or {@code docker stop} do. */
    public void terminate() {
        process.destroy();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Everything the process wrote to stdout so far: the log. */
    public String stdout() {
        return read(workDir.resolve(STDOUT_LOG));
    }

    /** Everything the process wrote to stderr so far. */
    public String stderr() {
        return read(workDir.resolve(STDERR_LOG));
    }

    /** A report for a failed assertion: the command, the working directory, stdout and stderr. */
    public String describe(String headline) {
        return "sipcall.jar " + headline + "\ncommand: " + String.join(" ", command) + "\nworking directory: "
                + workDir + "\n--- stdout ---\n" + stdout() + "--- stderr ---\n" + stderr();
    }

    /** Kills the process if it still runs (SIGKILL: a test that wants a clean stop calls {@link #terminate()}). */
    @Override
    public void close() {
        kill();
    }

    /**
     * Sends SIGKILL, as a crash, the OOM killer or {@code kill -9} would: no shutdown hook runs, nothing
     * is flushed or closed by the JVM. Returns once the process is gone (its file locks released).
     */
    public void kill() {
        if (!process.isAlive()) {
            return;
        }
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The lines that end in a line break: a line still being written is not a log line yet. */
    private static Stream<String> completeLines(String text) {
        int end = text.lastIndexOf('\n');
        return end < 0 ? Stream.empty() : text.substring(0, end).lines();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return "";
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static Optional<Path> newestClass() {
        if (!Files.isDirectory(APP_CLASSES)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.walk(APP_CLASSES)) {
            return files.filter(Files::isRegularFile)
                    .max((a, b) -> modified(a).compareTo(modified(b)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + APP_CLASSES, e);
        }
    }

    private static FileTime modified(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the modification time of " + file, e);
        }
    }
}
