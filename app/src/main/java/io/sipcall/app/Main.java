package io.sipcall.app;

import io.sipcall.config.ConfigException;
import io.sipcall.config.ConfigLoader;
import io.sipcall.config.SipCallConfig;
import io.sipcall.sip.SipCoreException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code java -jar sipcall.jar [--config FILE]}: starts SIPCall on the embedded defaults, or on FILE
 * (also taken from {@code SIPCALL_CONFIG}), with {@code SIPCALL_*} environment overrides.
 * Exit status 2 means the configuration is invalid, 1 that the server could not start.
 */
public final class Main {

    private static final Logger LOG = LoggerFactory.getLogger(Main.class);

    private Main() {
    }

    public static void main(String[] args) {
        Optional<Path> file;
        try {
            file = configFile(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println("usage: java -jar sipcall.jar [--config FILE]");
            System.exit(2);
            return;
        }
        if (file.isEmpty() && args.length == 1) {
            System.out.println("usage: java -jar sipcall.jar [--config FILE]");
            return;
        }
        SipCallConfig config;
        try {
            config = ConfigLoader.load(file);
        } catch (ConfigException e) {
            System.err.println("configuration error: " + e.getMessage());
            System.exit(2);
            return;
        }
        run(config);
    }

    private static void run(SipCallConfig config) {
        SipCallServer server;
        try {
            server = SipCallServer.start(config);
        } catch (SipCoreException e) {
            LOG.error("cannot start: {}", e.getMessage());
            System.exit(1);
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

    /** The config file named by {@code --config FILE}, else by {@code SIPCALL_CONFIG}, else none. */
    static Optional<Path> configFile(String[] args) {
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--config" -> {
                    if (i + 1 >= args.length) {
                        throw new IllegalArgumentException("--config needs a file name");
                    }
                    return Optional.of(Path.of(args[i + 1]));
                }
                case "--help", "-h" -> {
                    return Optional.empty();
                }
                default -> throw new IllegalArgumentException("unknown argument: " + args[i]);
            }
        }
        String env = System.getenv("SIPCALL_CONFIG");
        return env == null || env.isBlank() ? Optional.empty() : Optional.of(Path.of(env));
    }
}
