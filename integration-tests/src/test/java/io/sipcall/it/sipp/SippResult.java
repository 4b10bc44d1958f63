package io.sipcall.it.sipp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a SIPp run ended: its exit code, the call counts from its final statistics screen, its error
 * log and where its other logs are. Immutable.
 */
public final class SippResult {

    /** SIPp 3.6.1 exit codes (its -h text; -1 and -2 arrive as 255 and 254). */
    public static final int EXIT_ALL_CALLS_SUCCESSFUL = 0;
    public static final int EXIT_SOME_CALL_FAILED = 1;
    public static final int EXIT_INTERNAL_COMMAND = 97;
    public static final int EXIT_NO_CALL_PROCESSED = 99;
    public static final int EXIT_FATAL_ERROR = 255;
    public static final int EXIT_BIND_ERROR = 254;

    private static final Pattern SUCCESSFUL = Pattern.compile("(?m)^\\s*Successful call\\s*\\|[^|\\n]*\\|\\s*(\\d+)");
    private static final Pattern FAILED = Pattern.compile("(?m)^\\s*Failed call\\s*\\|[^|\\n]*\\|\\s*(\\d+)");
    private static final int MAX_LOG_CHARS = 20_000;
    private static final int TAIL_LINES = 40;

    /** What the process knew when it ended. */
    record Run(String scenario, List<String> command, Path workDir, int exitCode, boolean timedOut, boolean killed,
               int expectedCalls, Path messagesLog, Path statisticsFile) {
    }

    private final Run run;
    private final String errors;
    private final String stderr;
    private final String screen;
    private final String stdout;

    private SippResult(Run run, String errors, String stderr, String screen, String stdout) {
        this.run = run;
        this.errors = errors;
        this.stderr = stderr;
        this.screen = screen;
        this.stdout = stdout;
    }

    static SippResult collect(Run run) {
        Path dir = run.workDir();
        return new SippResult(run,
                read(dir.resolve(SippProcess.ERRORS_LOG)),
                read(dir.resolve(SippProcess.STDERR_LOG)),
                read(dir.resolve(SippProcess.SCREEN_LOG)),
                read(dir.resolve(SippProcess.STDOUT_LOG)));
    }

    public int exitCode() {
        return run.exitCode();
    }

    /** The harness killed SIPp because {@link SippProcess#awaitExit} ran out of time. */
    public boolean timedOut() {
        return run.timedOut();
    }

    /** The harness killed SIPp (timeout, {@link SippProcess#kill()} or close); its exit code means nothing then. */
    public boolean killed() {
        return run.killed();
    }

    /** "Successful call", cumulative, from the last statistics screen; empty if SIPp printed none. */
    public OptionalLong successfulCalls() {
        return lastCount(SUCCESSFUL);
    }

    /** "Failed call", cumulative, from the last statistics screen; empty if SIPp printed none. */
    public OptionalLong failedCalls() {
        return lastCount(FAILED);
    }

    /** The {@code -trace_err} log: unexpected messages, timeouts, failed checks. Empty if there were none. */
    public String errors() {
        return errors;
    }

    public String stderr() {
        return stderr;
    }

    /** The final screens SIPp dumped on exit ({@code -trace_screen}); empty if it was killed. */
    public String screen() {
        return screen;
    }

    /** The {@code -trace_msg} log, if messages were traced. */
    public Optional<Path> messagesLog() {
        return Optional.ofNullable(run.messagesLog()).filter(Files::exists);
    }

    /** The messages SIPp sent and received. */
    public SipMessages messages() {
        return SipMessages.parse(messagesLog().orElseThrow(() -> new IllegalStateException(
                "no messages log for " + run.scenario() + ": run it with traceMessages(true)")));
    }

    /** The {@code -trace_stat} CSV, if statistics were traced. */
    public Optional<Path> statisticsFile() {
        return Optional.ofNullable(run.statisticsFile()).filter(Files::exists);
    }

    public Path workDir() {
        return run.workDir();
    }

    public List<String> command() {
        return run.command();
    }

    /**
     * Asserts SIPp exited on its own with 0 and every call it was asked for succeeded.
     *
     * @throws AssertionError naming what went wrong, with SIPp's error log and its final scenario screen
     */
    public SippResult assertSucceeded() {
        List<String> problems = new ArrayList<>();
        if (killed()) {
            problems.add(timedOut() ? "did not exit in time and was killed" : "was killed");
        } else if (exitCode() != EXIT_ALL_CALLS_SUCCESSFUL) {
            problems.add("exit code " + exitCode() + " (" + meaning(exitCode()) + ")");
        }
        OptionalLong successful = successfulCalls();
        OptionalLong failed = failedCalls();
        if (successful.isEmpty() || failed.isEmpty()) {
            problems.add("no statistics screen to count calls from");
        } else if (failed.getAsLong() != 0 || successful.getAsLong() != run.expectedCalls()) {
            problems.add(successful.getAsLong() + " of " + run.expectedCalls() + " calls successful, "
                    + failed.getAsLong() + " failed");
        }
        if (!problems.isEmpty()) {
            throw new AssertionError(describe(String.join("; ", problems)));
        }
        return this;
    }

    /**
     * Asserts SIPp exited on its own with a failure exit code, for tests where a call must fail.
     *
     * @throws AssertionError if SIPp succeeded or was killed
     */
    public SippResult assertFailed() {
        if (killed()) {
            throw new AssertionError(describe(timedOut() ? "expected a failure, but it did not exit in time" : "expected a failure, but it was killed"));
        }
        if (exitCode() == EXIT_ALL_CALLS_SUCCESSFUL) {
            throw new AssertionError(describe("expected a failure, but it exited with 0"));
        }
        return this;
    }

    /** A report of this run under a headline: command, exit, error log, stderr and final screen. */
    public String describe(String headline) {
        StringBuilder s = new StringBuilder();
        s.append("SIPp ").append(run.scenario()).append(' ').append(headline).append('\n');
        s.append("exit code: ").append(killed() ? "killed" : exitCode() + " (" + meaning(exitCode()) + ")");
        successfulCalls().ifPresent(n -> s.append(", successful calls: ").append(n));
        failedCalls().ifPresent(n -> s.append(", failed calls: ").append(n));
        s.append('\n');
        s.append("command: ").append(String.join(" ", run.command())).append('\n');
        s.append("work dir: ").append(run.workDir()).append('\n');
        section(s, "errors log", errors);
        if (stderrAddsToErrors()) {
            section(s, "stderr", stderr);
        }
        section(s, screen.isBlank() ? "stdout (tail)" : "final scenario screen", screenTail());
        return s.toString();
    }

    @Override
    public String toString() {
        return "SippResult[" + run.scenario() + ", exit " + (killed() ? "killed" : exitCode())
                + ", successful " + successfulCalls() + ", failed " + failedCalls() + "]";
    }

    /** SIPp prints its errors to stderr too: show stderr only if it says something else. */
    private boolean stderrAddsToErrors() {
        return stderr.lines().anyMatch(line -> !line.isBlank() && !line.startsWith("Resolving remote host")
                && !errors.contains(line));
    }

    /** The scenario screen (message counts per step) of the final dump, or the tail of stdout. */
    String screenTail() {
        if (!screen.isBlank()) {
            int end = screen.indexOf("Statistics Screen");
            return end < 0 ? screen : screen.substring(0, screen.lastIndexOf('\n', end) + 1);
        }
        List<String> lines = stdout.lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size()));
    }

    static String meaning(int exitCode) {
        return switch (exitCode) {
            case EXIT_ALL_CALLS_SUCCESSFUL -> "all calls successful";
            case EXIT_SOME_CALL_FAILED -> "at least one call failed";
            case EXIT_INTERNAL_COMMAND -> "exit on internal command, or global timeout without -timeout_error";
            case EXIT_NO_CALL_PROCESSED -> "normal exit without calls processed";
            case EXIT_FATAL_ERROR -> "fatal error, e.g. a scenario error or -timeout_error";
            case EXIT_BIND_ERROR -> "fatal error binding a socket";
            default -> "unknown";
        };
    }

    private OptionalLong lastCount(Pattern pattern) {
        OptionalLong fromScreen = last(pattern, screen);
        return fromScreen.isPresent() ? fromScreen : last(pattern, stdout);
    }

    private static OptionalLong last(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        OptionalLong last = OptionalLong.empty();
        while (m.find()) {
            last = OptionalLong.of(Long.parseLong(m.group(1)));
        }
        return last;
    }

    private static void section(StringBuilder s, String title, String text) {
        if (text.isBlank()) {
            return;
        }
        s.append("--- ").append(title).append(" ---\n");
        if (text.length() > MAX_LOG_CHARS) {
            s.append(text, 0, MAX_LOG_CHARS).append("\n... ").append(text.length() - MAX_LOG_CHARS).append(" more characters\n");
        } else {
            s.append(text);
            if (!text.endsWith("\n")) {
                s.append('\n');
            }
        }
    }

    private static String read(Path file) {
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        } catch (NoSuchFileException e) {
            return "";
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
