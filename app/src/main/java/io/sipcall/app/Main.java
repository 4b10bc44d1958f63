package io.sipcall.app;

import io.sipcall.config.ConfigException;
import io.sipcall.config.ConfigLoader;
import io.sipcall.config.SipCallConfig;
import io.sipcall.persistence.PersistenceException;
import io.sipcall.sip.SipCoreException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code java -jar sipcall.jar [--config FILE]}: starts SIPCall on the embedded defaults, or on FILE
 * (also taken from {@code SIPCALL_CONFIG}), with {@code SIPCALL_*} environment overrides. With
 * {@code privacy export USER} or {@code privacy erase USER} it runs that command on the
 * configured database instead ({@link PrivacyCommand}) and exits.
 * Exit status 2 means the arguments or the configuration are invalid, 1 that the server could not
 * start. Once started it runs until SIGTERM or SIGINT, which close it (the JVM then exits 143 or 130).
 */
public final class Main {

    static final int EXIT_CANNOT_START = 1;
    static final int EXIT_INVALID_CONFIGURATION = 2;

    static final String USAGE = "usage: java -jar sipcall.jar [--config FILE] [privacy export|erase USER]";
    static final String HELP = USAGE + "\n" + """
              --config FILE  YAML configuration merged over the built-in defaults
                             (or name the file in SIPCALL_CONFIG)
              --help, -h     print this help and exit
              privacy export USER  print everything stored about USER as JSON (audited)
              privacy erase USER   delete USER and anonymise their call records (audited)
            Every key can be overridden by an environment variable SIPCALL_<KEY>,
            e.g. SIPCALL_SIP_UDP_PORT=5080 (docs/configuration.md).
            Exit status: 2 invalid arguments or configuration, 1 could not start
            (or the privacy command failed).""";

    private static final Logger LOG = LoggerFactory.getLogger(Main.class);

    private Main() {
    }

    public static void main(String[] args) {
        Arguments arguments;
        try {
            arguments = Arguments.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(USAGE);
            System.exit(EXIT_INVALID_CONFIGURATION);
            return;
        }
        if (arguments.help()) {
            System.out.println(HELP);
            return;
        }
        SipCallConfig config;
        try {
            config = ConfigLoader.load(arguments.configFile(System.getenv()));
        } catch (ConfigException e) {
            System.err.println("configuration error: " + e.getMessage());
            System.exit(EXIT_INVALID_CONFIGURATION);
            return;
        }
        if (!arguments.command().isEmpty()) {
            System.exit(PrivacyCommand.run(config, arguments.command(), System.out, System.err));
            return;
        }
        run(config);
    }

    private static void run(SipCallConfig config) {
        SipCallServer server;
        try {
            server = SipCallServer.start(config);
        } catch (SipCoreException | PersistenceException e) {
            LOG.error("cannot start: {}", e.getMessage());
            System.exit(EXIT_CANNOT_START);
            return;
        } catch (RuntimeException e) {
            // A bug, not an operator error: keep the stack trace. Exit explicitly, because the SIP
            // stack's non-daemon threads may already run and would keep a half-started JVM alive.
            LOG.error("cannot start", e);
            System.exit(EXIT_CANNOT_START);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "sipcall-shutdown"));
        LOG.info("SIPCall started; SIP on {}", server.sipPorts());
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The command line: {@code [--config FILE] [--help | -h] [privacy export|erase USER]}, options in
     * any order. Every argument is checked, so a typo is refused even next to {@code --help}.
     *
     * @param file    the file given with {@code --config}, if any
     * @param help    whether help was asked for
     * @param command the command words ({@code privacy export alice}); empty runs the server
     */
    record Arguments(Optional<Path> file, boolean help, List<String> command) {

        static Arguments parse(String... args) {
            Optional<Path> file = Optional.empty();
            boolean help = false;
            List<String> command = new ArrayList<>();
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--config" -> {
                        if (file.isPresent()) {
                            throw new IllegalArgumentException("--config given more than once");
                        }
                        if (i + 1 >= args.length || args[i + 1].isEmpty() || args[i + 1].startsWith("-")) {
                            throw new IllegalArgumentException("--config needs a file name");
                        }
                        file = Optional.of(Path.of(args[++i]));
                    }
                    case "--help", "-h" -> help = true;
                    default -> {
                        if (args[i].startsWith("-")) {
                            throw new IllegalArgumentException("unknown argument: " + args[i]);
                        }
                        command.add(args[i]);
                    }
                }
            }
            PrivacyCommand.check(command);
            return new Arguments(file, help, List.copyOf(command));
        }

        /** The file named by {@code --config}, else by {@code SIPCALL_CONFIG} in {@code env}, else none. */
        Optional<Path> configFile(Map<String, String> env) {
            if (file.isPresent()) {
                return file;
            }
            String named = env.get(ConfigLoader.CONFIG_FILE_VARIABLE);
            return named == null || named.isBlank() ? Optional.empty() : Optional.of(Path.of(named));
        }
    }
}
