package io.sipcall.it.sipp;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Builds and starts one SIPp 3.6.1 process running a scenario from {@code src/test/resources/sipp/}.
 *
 * <p>The scenario's first {@code <send>} or {@code <recv>} decides the role: a client (UAC) needs
 * {@link #remote(String, int)}, a server (UAS) does not. Every run gets its own working directory
 * holding the scenario copy, SIPp's stdout/stderr and its log files. With {@link #localPort(int)}
 * left at 0 the harness picks a free port itself (see {@link SippProcess#localPort()}), so a UAS's
 * port is known before a B2BUA is configured to route to it.
 *
 * <p>Defaults: UDP, 127.0.0.1, one call ({@code -m 1}), a 10 s receive timeout, a 60 s global
 * timeout that fails the run ({@code -timeout_error}), message tracing on.
 *
 * <p>A scenario may contain {@code {{name}}} placeholders, filled from {@link #templateParam} in the
 * copy SIPp reads. They exist for what SIPp cannot take from {@code -key} or {@code -set}: SIPp 3.6.1
 * checks response codes when it loads a scenario, so a {@code <send>} status line or a
 * {@code <recv response>} cannot use a keyword.
 *
 * <p>Not thread-safe: configure on one thread, then {@link #start()} (which may be called again for
 * another run of the same configuration).
 */
public final class Sipp {

    /** SIPp transport modes: one socket for all calls. */
    public enum Transport {
        UDP("u1"),
        TCP("t1");

        private final String mode;

        Transport(String mode) {
            this.mode = mode;
        }

        /** The {@code -t} argument. */
        public String mode() {
            return mode;
        }
    }

    /** Whether the scenario places calls (client) or answers them (server). */
    public enum Role { CLIENT, SERVER }

    private static final Pattern SAFE_PARAM = Pattern.compile("[\\w .,'()+\\-/:;=@]*");

    private final Scenario scenario;
    private Transport transport = Transport.UDP;
    private String localIp = "127.0.0.1";
    private int localPort;
    private Integer mediaPort;
    private String remoteHost;
    private int remotePort;
    private int calls = 1;
    private Double rate;
    private Duration ratePeriod;
    private Integer callLimit;
    private Duration pause;
    private String service;
    private final Map<String, String> keys = new LinkedHashMap<>();
    private final Map<String, String> globals = new LinkedHashMap<>();
    private final Map<String, String> templateParams = new LinkedHashMap<>();
    private Duration recvTimeout = Duration.ofSeconds(10);
    private Duration globalTimeout = Duration.ofSeconds(60);
    private boolean traceMessages = true;
    private Duration statisticsPeriod;
    private Integer maxRecvLoops;
    private Integer maxSchedLoops;
    private boolean noRetransmissions;
    private final List<String> extraArgs = new ArrayList<>();
    private Path workDir;
    private Duration listenTimeout = Duration.ofSeconds(5);
    private String executable = "sipp";

    private Sipp(Scenario scenario) {
        this.scenario = scenario;
    }

    /**
     * A run of {@code sipp/<scenario>} from the test classpath, e.g. {@code "uac-basic.xml"} or
     * {@code "selftest/uas-respond.xml"}.
     */
    public static Sipp scenario(String scenario) {
        return new Sipp(Scenario.load(scenario));
    }

    public Sipp transport(Transport transport) {
        this.transport = Objects.requireNonNull(transport, "transport");
        return this;
    }

    /** {@code -i}: the address SIPp binds and writes into Via, Contact and SDP. Default 127.0.0.1. */
    public Sipp localIp(String localIp) {
        this.localIp = Objects.requireNonNull(localIp, "localIp");
        return this;
    }

    /** {@code -p}; 0 (the default) lets the harness pick a port free for UDP and TCP. */
    public Sipp localPort(int localPort) {
        this.localPort = checkPort(localPort, true);
        return this;
    }

    /** {@code -mp}: first RTP port SIPp binds for [media_port]; SIPp's default is 6000, counting up when taken. */
    public Sipp mediaPort(int mediaPort) {
        this.mediaPort = checkPort(mediaPort, false);
        return this;
    }

    /** Where a client sends its requests: the B2BUA, or a SIPp UAS when validating a pair directly. */
    public Sipp remote(String host, int port) {
        this.remoteHost = Objects.requireNonNull(host, "host");
        this.remotePort = checkPort(port, false);
        return this;
    }

    /** {@code -m}: SIPp exits once this many calls have been processed. Default 1. */
    public Sipp calls(int calls) {
        this.calls = positive(calls, "calls");
        return this;
    }

    /** {@code -r calls -rp period}: the call rate of a client. */
    public Sipp rate(double callsPerPeriod, Duration period) {
        if (!(callsPerPeriod > 0)) {
            throw new IllegalArgumentException("rate must be positive: " + callsPerPeriod);
        }
        this.rate = callsPerPeriod;
        this.ratePeriod = positive(period, "rate period");
        return this;
    }

    /** {@code -l}: the most calls open at once. */
    public Sipp callLimit(int callLimit) {
        this.callLimit = positive(callLimit, "callLimit");
        return this;
    }

    /** {@code -d}: the length of every {@code <pause/>} without its own duration. */
    public Sipp pause(Duration pause) {
        this.pause = nonNegative(pause, "pause");
        return this;
    }

    /** {@code -s}: the Request-URI user, i.e. the dialled number in these scenarios. */
    public Sipp service(String service) {
        this.service = Objects.requireNonNull(service, "service");
        return this;
    }

    /** {@code -key name value}: a keyword usable as {@code [name]} in the scenario's messages. */
    public Sipp key(String name, String value) {
        keys.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
        return this;
    }

    /** {@code -set variable value}: a global variable, {@code [$variable]} in the scenario. */
    public Sipp set(String variable, String value) {
        globals.put(Objects.requireNonNull(variable, "variable"), Objects.requireNonNull(value, "value"));
        return this;
    }

    /**
     * Fills {@code {{name}}} in the harness's copy of the scenario. Every placeholder must get a
     * value and every value a placeholder; values may not contain XML markup or line breaks.
     */
    public Sipp templateParam(String name, String value) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        if (!SAFE_PARAM.matcher(value).matches()) {
            throw new IllegalArgumentException("template parameter " + name + " has characters a scenario cannot take: " + value);
        }
        templateParams.put(name, value);
        return this;
    }

    /** {@code -recv_timeout}: a call fails when an expected message does not come in time. Default 10 s. */
    public Sipp recvTimeout(Duration recvTimeout) {
        this.recvTimeout = positive(recvTimeout, "recvTimeout");
        return this;
    }

    /**
     * {@code -timeout} (whole seconds, rounded up) with {@code -timeout_error}: SIPp gives up and
     * exits with 255 after this long, e.g. a UAS that never got its INVITE. Default 60 s.
     */
    public Sipp globalTimeout(Duration globalTimeout) {
        this.globalTimeout = positive(globalTimeout, "globalTimeout");
        return this;
    }

    /** {@code -trace_msg}: log every message to {@code messages.log}, for {@link SipMessages}. Default on. */
    public Sipp traceMessages(boolean traceMessages) {
        this.traceMessages = traceMessages;
        return this;
    }

    /** {@code -trace_stat -fd}: dump statistics to {@code stats.csv} every period (whole seconds, at least 1). */
    public Sipp statistics(Duration period) {
        this.statisticsPeriod = positive(period, "statistics period");
        return this;
    }

    /** {@code -max_recv_loops}: messages read per scheduler cycle (load tests). */
    public Sipp maxRecvLoops(int maxRecvLoops) {
        this.maxRecvLoops = positive(maxRecvLoops, "maxRecvLoops");
        return this;
    }

    /** {@code -max_sched_loops}: calls run per scheduler cycle (load tests). */
    public Sipp maxSchedLoops(int maxSchedLoops) {
        this.maxSchedLoops = positive(maxSchedLoops, "maxSchedLoops");
        return this;
    }

    /**
     * {@code -nr}: no UDP retransmissions, and with them no retransmission detection; needed by
     * scenarios that expect an identical message twice (uas-duplicate-200.xml says why).
     */
    public Sipp noRetransmissions() {
        this.noRetransmissions = true;
        return this;
    }

    /** Arguments appended verbatim, for SIPp options this builder does not name. */
    public Sipp extraArgs(String... args) {
        for (String arg : args) {
            extraArgs.add(Objects.requireNonNull(arg, "arg"));
        }
        return this;
    }

    /**
     * The parent of the run's working directory, e.g. a JUnit {@code @TempDir(cleanup = ON_SUCCESS)}.
     * Without it runs go to {@code java.io.tmpdir} and stay there for inspection.
     */
    public Sipp workDir(Path parent) {
        this.workDir = Objects.requireNonNull(parent, "parent");
        return this;
    }

    /** How long {@link #start()} waits for SIPp to bind its SIP port. Default 5 s. */
    public Sipp listenTimeout(Duration listenTimeout) {
        this.listenTimeout = positive(listenTimeout, "listenTimeout");
        return this;
    }

    /** The SIPp binary; default {@code sipp} from the PATH. */
    public Sipp executable(String executable) {
        this.executable = Objects.requireNonNull(executable, "executable");
        return this;
    }

    public Role role() {
        return scenario.role();
    }

    public String scenarioName() {
        return scenario.name();
    }

    /**
     * Starts SIPp and returns once its SIP socket is bound (listening, for TCP), so a UAS is ready
     * for calls and a UAC's port is known. A port the harness picked that turns out to be taken by
     * then is replaced, up to three times.
     *
     * @throws IllegalStateException if SIPp exits or does not bind within the listen timeout
     */
    public SippProcess start() {
        if (role() == Role.CLIENT && remoteHost == null) {
            throw new IllegalStateException(scenarioName() + " places calls: set remote(host, port)");
        }
        String script = renderScenario();
        int attempts = localPort == 0 ? 3 : 1;
        for (int attempt = 1; ; attempt++) {
            int port = localPort == 0 ? FreePorts.udpAndTcp() : localPort;
            SippProcess process = SippProcess.launch(this, script, port);
            try {
                return process.awaitListening(listenTimeout);
            } catch (SippProcess.BindFailed e) {
                if (attempt >= attempts) {
                    throw e;
                }
            }
        }
    }

    /** Starts, waits for the exit (killing SIPp after {@code timeout}) and returns the result. */
    public SippResult run(Duration timeout) {
        try (SippProcess process = start()) {
            return process.awaitExit(timeout);
        }
    }

    // ---- used by SippProcess ----

    Path createWorkDir() throws IOException {
        String prefix = "sipp-" + fileName().replaceFirst("\\.xml$", "") + "-";
        return workDir == null ? Files.createTempDirectory(prefix) : Files.createTempDirectory(workDir, prefix);
    }

    String fileName() {
        return scenario.fileName();
    }

    Transport transportMode() {
        return transport;
    }

    String localIpAddress() {
        return localIp;
    }

    int expectedCalls() {
        return calls;
    }

    boolean tracesMessages() {
        return traceMessages;
    }

    boolean tracesStatistics() {
        return statisticsPeriod != null;
    }

    List<String> command(Path scenarioFile, int port) {
        List<String> cmd = new ArrayList<>();
        cmd.add(executable);
        if (remoteHost != null) {
            cmd.add(remoteHost + ":" + remotePort);
        }
        add(cmd, "-sf", scenarioFile.toString());
        add(cmd, "-t", transport.mode());
        add(cmd, "-i", localIp);
        add(cmd, "-p", Integer.toString(port));
        if (mediaPort != null) {
            add(cmd, "-mp", mediaPort.toString());
        }
        addCallOptions(cmd);
        add(cmd, "-recv_timeout", Long.toString(recvTimeout.toMillis()));
        add(cmd, "-timeout", ceilSeconds(globalTimeout) + "s");
        cmd.add("-timeout_error");
        cmd.add("-nostdin");
        addTraceOptions(cmd);
        if (maxRecvLoops != null) {
            add(cmd, "-max_recv_loops", maxRecvLoops.toString());
        }
        if (maxSchedLoops != null) {
            add(cmd, "-max_sched_loops", maxSchedLoops.toString());
        }
        if (noRetransmissions) {
            cmd.add("-nr");
        }
        cmd.addAll(extraArgs);
        return cmd;
    }

    private void addCallOptions(List<String> cmd) {
        add(cmd, "-m", Integer.toString(calls));
        if (rate != null) {
            add(cmd, "-r", BigDecimal.valueOf(rate).stripTrailingZeros().toPlainString());
            add(cmd, "-rp", Long.toString(ratePeriod.toMillis()));
        }
        if (callLimit != null) {
            add(cmd, "-l", callLimit.toString());
        }
        if (pause != null) {
            add(cmd, "-d", Long.toString(pause.toMillis()));
        }
        if (service != null) {
            add(cmd, "-s", service);
        }
        keys.forEach((k, v) -> add(cmd, "-key", k, v));
        globals.forEach((k, v) -> add(cmd, "-set", k, v));
    }

    private void addTraceOptions(List<String> cmd) {
        cmd.add("-trace_err");
        add(cmd, "-error_file", SippProcess.ERRORS_LOG);
        cmd.add("-trace_screen");
        add(cmd, "-screen_file", SippProcess.SCREEN_LOG);
        if (traceMessages) {
            cmd.add("-trace_msg");
            add(cmd, "-message_file", SippProcess.MESSAGES_LOG);
        }
        if (statisticsPeriod != null) {
            cmd.add("-trace_stat");
            add(cmd, "-stf", SippProcess.STATS_CSV);
            add(cmd, "-fd", ceilSeconds(statisticsPeriod) + "s");
        }
    }

    /** The scenario with its {@code {{placeholders}}} filled; fails on a missing or unused parameter. */
    String renderScenario() {
        return scenario.render(templateParams);
    }

    private static void add(List<String> cmd, String... args) {
        cmd.addAll(List.of(args));
    }

    private static long ceilSeconds(Duration d) {
        long seconds = d.toSeconds();
        return d.equals(Duration.ofSeconds(seconds)) ? Math.max(seconds, 1) : seconds + 1;
    }

    private static int checkPort(int port, boolean zeroAllowed) {
        if (port < (zeroAllowed ? 0 : 1) || port > 65535) {
            throw new IllegalArgumentException("not a port: " + port);
        }
        return port;
    }

    private static int positive(int value, String what) {
        if (value <= 0) {
            throw new IllegalArgumentException(what + " must be positive: " + value);
        }
        return value;
    }

    private static Duration positive(Duration value, String what) {
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(what + " must be positive: " + value);
        }
        return value;
    }

    private static Duration nonNegative(Duration value, String what) {
        if (value.isNegative()) {
            throw new IllegalArgumentException(what + " must not be negative: " + value);
        }
        return value;
    }
}
