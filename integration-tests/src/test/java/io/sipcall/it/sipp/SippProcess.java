package io.sipcall.it.sipp;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A running SIPp process started by {@link Sipp#start()}. Closing it kills SIPp if it still runs, so
 * use it in try-with-resources (or close it in an {@code @AfterEach}) to leave no stray process.
 *
 * <p>Waits never sleep blindly: {@link #awaitExit} is {@link Process#waitFor(long, TimeUnit)}, and
 * {@link #awaitListening} checks the process's sockets in {@code /proc} between short
 * {@code waitFor} calls, which return at once if SIPp exits. Linux only, like SIPp's socket tables.
 *
 * <p>Thread-safe: a test thread may await while another kills.
 */
public final class SippProcess implements AutoCloseable {

    static final String ERRORS_LOG = "errors.log";
    static final String SCREEN_LOG = "screen.log";
    static final String MESSAGES_LOG = "messages.log";
    static final String STATS_CSV = "stats.csv";
    static final String STDOUT_LOG = "stdout.log";
    static final String STDERR_LOG = "stderr.log";

    private static final long POLL_MILLIS = 10;
    private static final Duration KILL_GRACE = Duration.ofSeconds(2);

    private final Sipp.Role role;
    private final String scenario;
    private final Sipp.Transport transport;
    private final String localIp;
    private final int localPort;
    private final Path workDir;
    private final List<String> command;
    private final int expectedCalls;
    private final boolean messagesTraced;
    private final boolean statisticsTraced;
    private final Process process;
    private volatile boolean killed;

    private SippProcess(Sipp config, int localPort, Path workDir, List<String> command, Process process) {
        this.role = config.role();
        this.scenario = config.scenarioName();
        this.transport = config.transportMode();
        this.localIp = config.localIpAddress();
        this.localPort = localPort;
        this.workDir = workDir;
        this.command = List.copyOf(command);
        this.expectedCalls = config.expectedCalls();
        this.messagesTraced = config.tracesMessages();
        this.statisticsTraced = config.tracesStatistics();
        this.process = process;
    }

    static SippProcess launch(Sipp config, String scenarioText, int port) {
        try {
            Path dir = config.createWorkDir();
            Path scenarioFile = dir.resolve(config.fileName());
            Files.writeString(scenarioFile, scenarioText, StandardCharsets.ISO_8859_1);
            List<String> command = config.command(scenarioFile, port);
            // SIPp draws its curses screen on stdout; a file never blocks it as a full pipe would.
            Process process = new ProcessBuilder(command)
                    .directory(dir.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(dir.resolve(STDOUT_LOG).toFile())
                    .redirectError(dir.resolve(STDERR_LOG).toFile())
                    .start();
            return new SippProcess(config, port, dir, command, process);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start SIPp (is sipp on the PATH?)", e);
        }
    }

    /** The SIP port SIPp was told to bind ({@code -p}), chosen by the harness if the builder said 0. */
    public int localPort() {
        return localPort;
    }

    public String localIp() {
        return localIp;
    }

    public Sipp.Transport transport() {
        return transport;
    }

    public long pid() {
        return process.pid();
    }

    /** The run's directory: the scenario copy, stdout/stderr and SIPp's log files. */
    public Path workDir() {
        return workDir;
    }

    public List<String> command() {
        return command;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /**
     * Returns once SIPp has bound its SIP port: a UDP socket, or a TCP socket in LISTEN, owned by
     * this process, seen in {@code /proc/net}. {@link Sipp#start()} already calls it.
     *
     * <p>A client that finished before the check saw its socket is fine: its result tells how it went.
     *
     * @throws IllegalStateException if a server exits first, if binding fails, or on timeout (SIPp is then killed)
     */
    public SippProcess awaitListening(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (!ListeningSockets.isBound(process.pid(), transport, localPort)) {
                if (process.waitFor(POLL_MILLIS, TimeUnit.MILLISECONDS)) {
                    SippResult result = result(false);
                    if (result.exitCode() == SippResult.EXIT_BIND_ERROR) {
                        throw new BindFailed(result.describe("could not bind " + localIp + ":" + localPort));
                    }
                    if (role == Sipp.Role.SERVER) {
                        throw new IllegalStateException(result.describe("exited before it listened on " + localPort));
                    }
                    return this;
                }
                if (System.nanoTime() - deadline > 0) {
                    kill();
                    throw new IllegalStateException(result(false).describe(
                            "did not bind " + transport + " " + localIp + ":" + localPort + " within " + timeout));
                }
            }
            return this;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill();
            throw new IllegalStateException("interrupted while waiting for SIPp to listen", e);
        }
    }

    /**
     * Waits for SIPp to exit. If it is still running after {@code timeout} it is killed and the
     * result says {@link SippResult#timedOut()}, which {@link SippResult#assertSucceeded()} rejects.
     */
    public SippResult awaitExit(Duration timeout) {
        try {
            if (process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
                return result(false);
            }
            kill();
            return result(true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill();
            throw new IllegalStateException("interrupted while waiting for SIPp to exit", e);
        }
    }

    /**
     * Ends SIPp: SIGTERM, then SIGKILL after a grace period. SIPp exits 0 on SIGTERM, so the result
     * of a killed run is marked {@link SippResult#killed()} and never counts as a success.
     */
    public void kill() {
        if (!process.isAlive()) {
            return;
        }
        killed = true;
        process.destroy();
        try {
            if (!process.waitFor(KILL_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    @Override
    public void close() {
        kill();
    }

    @Override
    public String toString() {
        return "SIPp " + scenario + " pid " + process.pid() + " on " + transport + " " + localIp + ":" + localPort;
    }

    private SippResult result(boolean timedOut) {
        return SippResult.collect(new SippResult.Run(scenario, command, workDir, process.exitValue(), timedOut, killed,
                expectedCalls, messagesTraced ? workDir.resolve(MESSAGES_LOG) : null,
                statisticsTraced ? workDir.resolve(STATS_CSV) : null));
    }

    /** SIPp could not bind its port (exit code 254): a harness-picked port can be retried. */
    static final class BindFailed extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        BindFailed(String message) {
            super(message);
        }
    }
}
