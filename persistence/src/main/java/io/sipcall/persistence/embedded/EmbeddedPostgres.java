package io.sipcall.persistence.embedded;

import io.sipcall.persistence.PersistenceException;
import io.sipcall.persistence.internal.SecretFiles;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL server of SIPCall's own, under one directory: the cluster in {@code data/}, its log in
 * {@code data/log/}, and the superuser's password (SCRAM; the server listens on loopback only) in
 * {@code secrets/}. The binaries are not data: they are unpacked once per user and version into the
 * system temporary directory (see {@link PostgresBinaries}), where an unprivileged server can reach
 * them even when the data directory sits below a folder only its owner may enter.
 *
 * <p>Why not zonky's {@code EmbeddedPostgres} launcher: PostgreSQL refuses to run as root, and
 * admins do run SIPCall as root on a VPS. When the JVM is root, every PostgreSQL process here runs as
 * {@code nobody} through util-linux {@code setpriv}, keeping only the capability to search
 * directories, so a data directory below an owner-only folder still works. And a postmaster that
 * outlived a killed JVM still holds the cluster; {@link #start} stops it before starting afresh,
 * where zonky's launcher fails.
 */
public final class EmbeddedPostgres implements AutoCloseable {

    /** The PostgreSQL version bundled (keep equal to the binaries' version in the parent POM). */
    public static final String VERSION = "16.15.0";
    public static final String SUPERUSER = "postgres";
    public static final String DATABASE = "sipcall";

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPostgres.class);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private final Path home;
    private final Path binaries;
    private final Path data;
    private final Optional<RunAs> runAs;
    private final String password;
    private final int port;
    private final InstanceLock lock;
    private volatile boolean running;

    private EmbeddedPostgres(Path home, Path binaries, Optional<RunAs> runAs, String password, int port,
            InstanceLock lock) {
        this.lock = lock;
        this.home = home;
        this.binaries = binaries;
        this.data = home.resolve("data");
        this.runAs = runAs;
        this.password = password;
        this.port = port;
    }

    /**
     * Starts the cluster under {@code home} (creating it on first use) on {@code port}, or on a free
     * loopback port when {@code port} is 0, waiting up to {@code startupTimeout} for it to accept
     * connections.
     */
    public static EmbeddedPostgres start(Path home, int port, Duration startupTimeout) {
        Path absolute = home.toAbsolutePath().normalize();
        try {
            Files.createDirectories(absolute);
        } catch (IOException e) {
            throw new PersistenceException("cannot create " + absolute, e);
        }
        InstanceLock lock = InstanceLock.acquire(absolute.resolve("instance.lock"));
        try {
            Path binaries = PostgresBinaries.unpack(PostgresBinaries.cacheDirectory(), VERSION);
            String password = new String(SecretFiles.readOrCreate(absolute.resolve("secrets")
                    .resolve("superuser-password"), EmbeddedPostgres::randomPassword), StandardCharsets.US_ASCII);
            EmbeddedPostgres server = new EmbeddedPostgres(absolute, binaries, RunAs.whenRoot(), password,
                    port == 0 ? freePort() : port, lock);
            server.startServer(startupTimeout);
            return server;
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    /** The JDBC URL of the {@code sipcall} database. */
    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE;
    }

    public String username() {
        return SUPERUSER;
    }

    public String password() {
        return password;
    }

    public int port() {
        return port;
    }

    /** The cluster's data directory. */
    public Path dataDirectory() {
        return data;
    }

    private void startServer(Duration startupTimeout) {
        if (!Files.exists(data.resolve("PG_VERSION"))) {
            initdb();
        }
        stopLeftoverPostmaster();
        long waitSeconds = Math.max(1, startupTimeout.toSeconds());
        pgCtl(Duration.ofSeconds(waitSeconds + 5), "start", "-w", "-t", Long.toString(waitSeconds),
                "-l", data.resolve("log").resolve("postgres.log").toString(),
                "-o", "-p " + port + " -c listen_addresses=127.0.0.1 -c unix_socket_directories=''");
        running = true;
        LOG.info("event=embedded-postgres-started port={} data={} version={}", port, data, VERSION);
        createDatabase();
    }

    private void initdb() {
        try {
            Files.createDirectories(data);
            Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwx------"));
            Path pwfile = home.resolve("secrets").resolve("initdb-pwfile");
            Files.writeString(pwfile, password);
            Files.setPosixFilePermissions(pwfile, PosixFilePermissions.fromString("rw-------"));
            if (runAs.isPresent()) {
                runAs.get().own(data);
            }
            try {
                run(Duration.ofMinutes(2), bin("initdb"), "-D", data.toString(), "-U", SUPERUSER,
                        "--auth=scram-sha-256", "--pwfile=" + pwfile, "-E", "UTF8", "--locale=C");
            } finally {
                Files.deleteIfExists(pwfile);
            }
            Files.createDirectories(data.resolve("log"));
            if (runAs.isPresent()) {
                runAs.get().own(data.resolve("log"));
            }
            LOG.info("event=embedded-postgres-initialised data={}", data);
        } catch (IOException e) {
            throw new PersistenceException("cannot initialise the embedded PostgreSQL in " + data, e);
        }
    }

    /**
     * A postmaster still running on this cluster is stopped first. It cannot be another live
     * instance's, which would hold the instance lock: its JVM was killed.
     */
    private void stopLeftoverPostmaster() {
        Path pidFile = data.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        try {
            long pid = Long.parseLong(Files.readAllLines(pidFile).get(0).strip());
            if (isRunning(pid)) {
                LOG.warn("event=embedded-postgres-leftover pid={} note=\"a postmaster from an earlier run still "
                        + "holds the cluster; stopping it\"", pid);
                pgCtl(STOP_TIMEOUT.plusSeconds(5), "stop", "-m", "fast", "-w", "-t",
                        Long.toString(STOP_TIMEOUT.toSeconds()));
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("event=embedded-postgres-pidfile-unreadable file={} error=\"{}\"", pidFile, e.toString());
        }
    }

    /** Whether process {@code pid} runs (a zombie, dead but not yet reaped, does not). */
    static boolean isRunning(long pid) {
        Path stat = Path.of("/proc", Long.toString(pid), "stat");
        try {
            String text = Files.readString(stat);
            // pid (comm) STATE ...: the state follows the last ')'.
            return text.charAt(text.lastIndexOf(')') + 2) != 'Z';
        } catch (java.nio.file.NoSuchFileException gone) {
            return false;
        } catch (IOException | IndexOutOfBoundsException e) {
            return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        }
    }

    private void createDatabase() {
        try (var connection = java.sql.DriverManager.getConnection(
                "jdbc:postgresql://127.0.0.1:" + port + "/postgres", SUPERUSER, password);
             var exists = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            exists.setString(1, DATABASE);
            try (var rows = exists.executeQuery()) {
                if (!rows.next()) {
                    try (var create = connection.createStatement()) {
                        create.execute("CREATE DATABASE " + DATABASE);
                    }
                }
            }
        } catch (java.sql.SQLException e) {
            throw new PersistenceException("cannot create the database '" + DATABASE + "' in the embedded PostgreSQL", e);
        }
    }

    /** Stops the server (fast shutdown: open sessions are ended, committed data is kept). */
    @Override
    public void close() {
        if (!running) {
            return;
        }
        running = false;
        try {
            pgCtl(STOP_TIMEOUT.plusSeconds(5), "stop", "-m", "fast", "-w", "-t", Long.toString(STOP_TIMEOUT.toSeconds()));
            LOG.info("event=embedded-postgres-stopped port={}", port);
        } finally {
            lock.close();
        }
    }

    /**
     * Lets go of the instance lock and leaves the server running, as a killed process would (tests of
     * the recovery of an orphaned postmaster).
     */
    void abandon() {
        running = false;
        lock.close();
    }

    private void pgCtl(Duration timeout, String... args) {
        List<String> command = new ArrayList<>(List.of(bin("pg_ctl"), "-D", data.toString()));
        command.addAll(List.of(args));
        run(timeout, command.toArray(String[]::new));
    }

    private String bin(String name) {
        return binaries.resolve("bin").resolve(name).toString();
    }

    private void run(Duration timeout, String... command) {
        List<String> full = new ArrayList<>(runAs.map(RunAs::prefix).orElse(List.of()));
        full.addAll(List.of(command));
        ProcessBuilder builder = new ProcessBuilder(full).redirectErrorStream(true);
        // The bundled build finds its libraries next to itself; the locale must exist everywhere.
        builder.environment().put("LC_ALL", "C");
        builder.environment().remove("PGDATA");
        try {
            Process process = builder.start();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new PersistenceException(command[0] + " did not finish within " + timeout);
            }
            String text = new String(output, StandardCharsets.UTF_8).strip();
            if (process.exitValue() != 0) {
                throw new PersistenceException(Path.of(command[0]).getFileName() + " " + String.join(" ",
                        List.of(command).subList(1, Math.min(command.length, 4))) + " failed (exit "
                        + process.exitValue() + "): " + text + logTail());
            }
            LOG.debug("event=embedded-postgres-command command={} output=\"{}\"", Path.of(command[0]).getFileName(), text);
        } catch (IOException e) {
            throw new PersistenceException("cannot run " + command[0], e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PersistenceException("interrupted while running " + command[0], e);
        }
    }

    private String logTail() {
        Path log = data.resolve("log").resolve("postgres.log");
        try {
            List<String> lines = Files.exists(log) ? Files.readAllLines(log) : List.of();
            return lines.isEmpty() ? "" : "; server log ends: " + String.join(" | ",
                    lines.subList(Math.max(0, lines.size() - 5), lines.size()));
        } catch (IOException e) {
            return "";
        }
    }

    private static byte[] randomPassword() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return java.util.Base64.getUrlEncoder().withoutPadding().encode(bytes);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new PersistenceException("no free loopback port for the embedded PostgreSQL", e);
        }
    }

    /**
     * How PostgreSQL is run when the JVM is root: as {@code nobody}, through {@code setpriv}, with the
     * one capability it needs to reach a data directory below folders only root may enter.
     */
    private record RunAs(int uid, int gid, List<String> prefix) {

        static Optional<RunAs> whenRoot() {
            if (!"root".equals(System.getProperty("user.name"))) {
                return Optional.empty();
            }
            try {
                UserPrincipalLookupService lookup = Path.of("/").getFileSystem().getUserPrincipalLookupService();
                lookup.lookupPrincipalByName("nobody");
                Path probe = Files.createTempFile("sipcall-pg-owner", "");
                try {
                    Files.setOwner(probe, lookup.lookupPrincipalByName("nobody"));
                    int uid = (Integer) Files.getAttribute(probe, "unix:uid");
                    int gid = groupOf(lookup, probe);
                    List<String> prefix = new ArrayList<>(List.of("setpriv", "--reuid=" + uid, "--regid=" + gid,
                            "--clear-groups"));
                    Capabilities.directorySearch().ifPresent(cap -> prefix.addAll(List.of(
                            "--inh-caps=+" + cap, "--ambient-caps=+" + cap)));
                    prefix.add("--");
                    return Optional.of(new RunAs(uid, gid, List.copyOf(prefix)));
                } finally {
                    Files.deleteIfExists(probe);
                }
            } catch (IOException e) {
                throw new PersistenceException("SIPCall runs as root and PostgreSQL may not; the user 'nobody' "
                        + "to run it as is missing. Run SIPCall as another user or set database.url", e);
            }
        }

        private static int groupOf(UserPrincipalLookupService lookup, Path probe) throws IOException {
            for (String name : List.of("nogroup", "nobody")) {
                try {
                    Files.getFileAttributeView(probe, java.nio.file.attribute.PosixFileAttributeView.class)
                            .setGroup(lookup.lookupPrincipalByGroupName(name));
                    return (Integer) Files.getAttribute(probe, "unix:gid");
                } catch (java.nio.file.attribute.UserPrincipalNotFoundException absent) {
                    // try the next name
                }
            }
            throw new IOException("neither group 'nogroup' nor 'nobody' exists");
        }

        void own(Path path) throws IOException {
            Files.setAttribute(path, "unix:uid", uid);
            Files.setAttribute(path, "unix:gid", gid);
        }
    }
}
