package io.sipcall.sip;

import gov.nist.javax.sip.SipStackImpl;
import io.sipcall.config.GatewayConfig;
import io.sipcall.config.SipConfig;
import io.sipcall.sip.gateway.GatewayAuthenticator;
import io.sipcall.sip.gateway.InMemoryRegistrations;
import io.sipcall.sip.gateway.Registrar;
import io.sipcall.sip.port.Registrations;
import java.time.Clock;
import io.sipcall.config.Transport;
import io.sipcall.sip.call.CallSettings;
import io.sipcall.sip.port.CallEventSink;
import io.sipcall.sip.port.Directory;
import io.sipcall.sip.trunk.TrunkLimiter;
import io.sipcall.sip.port.MediaAnchor;
import io.sipcall.sip.port.RoutePolicy;
import io.sipcall.sip.registration.RegistrationHandler;
import io.sipcall.sip.registration.RegistrationTimings;
import io.sipcall.sip.registration.TrunkRegistrations;
import io.sipcall.sip.session.CallRegistry;
import io.sipcall.sip.session.SipContext;
import io.sipcall.sip.stack.CallFactory;
import io.sipcall.sip.stack.ParserCounterGuard;
import io.sipcall.sip.stack.SipDispatcher;
import io.sipcall.sip.stack.SipStackFactory;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import io.sipcall.sip.tls.PemSecurityManagerProvider;
import io.sipcall.sip.tls.TlsMaterial;
import io.sipcall.sip.tls.TlsMaterialException;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sip.ListeningPoint;
import javax.sip.SipProvider;
import javax.sip.address.AddressFactory;
import javax.sip.header.HeaderFactory;
import javax.sip.message.MessageFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The back-to-back user agent: one SIP stack, its listeners, and the calls running on it.
 *
 * <pre>{@code
 * try (B2bua b2bua = new B2bua(config.sip(), config.dataDir(), config.gateway(), directory, policy, anchor, sink)) {
 *     b2bua.start();
 *     ...
 * }
 * }</pre>
 */
public final class B2bua implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(B2bua.class);
    private static final AtomicInteger INSTANCES = new AtomicInteger();
    private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(5);

    private final SipConfig config;
    private final Path dataDir;
    private final CallFactory.Ports ports;
    private final Registrations userRegistrations;
    private final Directory directory;
    private final RegistrationTimings registrationTimings;
    private final GatewayConfig gateway;
    private final Map<Transport, Integer> listening = new EnumMap<>(Transport.class);
    private SipStackImpl stack;
    private CallFactory calls;
    private ExecutorService workers;
    private ScheduledExecutorService scheduler;
    private TrunkRegistrations registrations = TrunkRegistrations.none();

    /**
     * @param config    the {@code sip} section of the configuration
     * @param dataDir   where generated TLS material is kept
     * @param directory users and trunks; trunks with {@code registration.enabled} are registered to
     */
    public B2bua(SipConfig config, Path dataDir, GatewayConfig gateway, Directory directory, RoutePolicy policy,
            MediaAnchor anchor, CallEventSink events) {
        this(config, dataDir, gateway, directory, policy, anchor, events, RegistrationTimings.DEFAULT);
    }

    /** As above, with registration timings other than production's (tests: a short refresh floor). */
    public B2bua(SipConfig config, Path dataDir, GatewayConfig gateway, Directory directory, RoutePolicy policy,
            MediaAnchor anchor, CallEventSink events, RegistrationTimings registrationTimings) {
        this(config, dataDir, gateway, directory, policy, anchor, events, registrationTimings,
                new InMemoryRegistrations());
    }

    /**
     * As above, keeping gateway-side users' registrations in {@code userRegistrations} (the
     * persistence adapter keeps them in PostgreSQL so they survive a restart). Its methods are called
     * on SIP threads and must not block.
     */
    public B2bua(SipConfig config, Path dataDir, GatewayConfig gateway, Directory directory, RoutePolicy policy,
            MediaAnchor anchor, CallEventSink events, RegistrationTimings registrationTimings,
            Registrations userRegistrations) {
        this.userRegistrations = userRegistrations;
        this.config = config;
        this.dataDir = dataDir;
        this.directory = directory;
        this.registrationTimings = registrationTimings;
        this.gateway = gateway;
        this.ports = new CallFactory.Ports(policy, anchor, events, directory, new TrunkLimiter(directory::trunks),
                new GatewayAuthenticator(gateway, directory, Clock.systemUTC()));
    }

    /** Binds the listeners and starts taking calls. */
    public synchronized void start() {
        String advertised = advertisedHost();
        try {
            stack = new SipStackImpl(SipStackFactory.properties("sipcall-" + INSTANCES.incrementAndGet(), config,
                    tlsProperties(advertised)));
        } catch (javax.sip.PeerUnavailableException e) {
            throw new SipStartException("cannot create the SIP stack: " + e.getMessage(), e);
        }
        SipProvider provider = listen(advertised);
        workers = Executors.newFixedThreadPool(workerThreads(), named("sipcall-call"));
        scheduler = Executors.newSingleThreadScheduledExecutor(named("sipcall-timer"));
        ParserCounterGuard.pin();
        scheduler.scheduleAtFixedRate(ParserCounterGuard::pin, 1, 1, TimeUnit.MINUTES);
        try {
            javax.sip.SipFactory factory = javax.sip.SipFactory.getInstance();
            MessageFactory messages = factory.createMessageFactory();
            HeaderFactory headers = factory.createHeaderFactory();
            AddressFactory addresses = factory.createAddressFactory();
            SipContext ctx = new SipContext(provider, messages, headers, addresses, advertised, listening);
            CallRegistry registry = new CallRegistry();
            calls = new CallFactory(ctx, registry, ports,
                    new CallSettings(config.trunkResponseTimeout(), config.noAnswerTimeout(), config.maxCallDuration()), workers, scheduler);
            Registrar registrar = new Registrar(ctx, ports.authenticator(), userRegistrations, Clock.systemUTC(),
                    Duration.ofSeconds(60), Duration.ofHours(1));
            provider.addSipListener(new SipDispatcher(ctx, registry, calls, registrar));
            stack.start();
            registrations = TrunkRegistrations.start(ctx, registry, directory.trunks(), workers, scheduler,
                    registrationTimings, RegistrationHandler.NONE);
        } catch (javax.sip.SipException | java.util.TooManyListenersException e) {
            close();
            throw new SipStartException("cannot start the SIP stack: " + e.getMessage(), e);
        }
        LOG.info("B2BUA listening on {} as {} ({}), media anchor {}", config.bindAddress(), advertised, listening,
                ports.anchor().name());
    }

    private SipProvider listen(String advertised) {
        SipProvider provider = null;
        for (Transport transport : Transport.values()) {
            int port = switch (transport) {
                case UDP -> config.udpPort();
                case TCP -> config.tcpPort();
                case TLS -> config.tlsPort();
            };
            if (port == 0) {
                continue;
            }
            try {
                ListeningPoint point = stack.createListeningPoint(config.bindAddress(), port, transport.sipName());
                point.setSentBy(advertised + ":" + port);
                if (provider == null) {
                    provider = stack.createSipProvider(point);
                } else {
                    provider.addListeningPoint(point);
                }
                listening.put(transport, port);
            } catch (javax.sip.InvalidArgumentException | javax.sip.TransportNotSupportedException
                    | javax.sip.ObjectInUseException | javax.sip.TransportAlreadySupportedException | ParseException
                    | RuntimeException e) {
                stack.stop();
                throw new SipStartException("cannot listen on " + config.bindAddress() + ":" + port + " over "
                        + transport.token() + " (sip." + transport.token() + "-port): " + e.getMessage(), e);
            }
        }
        if (provider == null) {
            throw new SipStartException("no SIP listener is enabled (sip.udp-port, sip.tcp-port, sip.tls-port)", null);
        }
        return provider;
    }

    /** TLS material for the TLS listener, generated on first start when none is configured. */
    private Properties tlsProperties(String advertised) {
        if (config.tlsPort() == 0) {
            return new Properties();
        }
        try {
            TlsMaterial material = TlsMaterial.loadOrCreate(config.tls(), dataDir, advertised);
            return PemSecurityManagerProvider.stackProperties(material, config.tls(), gateway.trustedCertificates());
        } catch (TlsMaterialException e) {
            throw new SipStartException("TLS is unusable: " + e.getMessage(), e);
        }
    }

    /** Where gateway-side users are registered (SIPCall is their registrar). */
    public Registrations userRegistrations() {
        return userRegistrations;
    }

    /** The ports actually listened on, by transport. */
    public Map<Transport, Integer> listening() {
        return Collections.unmodifiableMap(listening);
    }

    /** The trunk registrations and their status. */
    public TrunkRegistrations registrations() {
        return registrations;
    }

    /** What the B2BUA holds right now. */
    public B2buaStats stats() {
        if (stack == null) {
            return new B2buaStats(0, 0, 0, 0);
        }
        return new B2buaStats(calls.running().size(), stack.getDialogs().size(),
                stack.getServerTransactionTableSize(), stack.getClientTransactionTableSize());
    }

    /**
     * Removes our trunk registrations (Expires: 0) and ends every call (BYE, CANCEL or 503 as fits its
     * state), both bounded in time, then stops the stack.
     */
    @Override
    public synchronized void close() {
        if (stack == null) {
            return;
        }
        CompletableFuture<Void> unregistered = registrations.unregisterAll();
        if (calls != null) {
            calls.running().forEach(running -> running.executor().execute(running.call()::shutdown));
            awaitCallsEnded();
        }
        awaitUnregistered(unregistered);
        stack.stop();
        stack = null;
        if (workers != null) {
            workers.shutdown();
        }
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
        LOG.info("B2BUA stopped");
    }

    private void awaitCallsEnded() {
        try {
            if (!calls.awaitNoCalls(SHUTDOWN_GRACE)) {
                LOG.warn("{} calls still ending at shutdown", calls.running().size());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void awaitUnregistered(CompletableFuture<Void> unregistered) {
        try {
            // Each registration completes within its own bound; the margin only covers scheduling.
            unregistered.get(registrationTimings.unregisterBound().toMillis() + 1_000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("trunk unregistration unfinished at shutdown: {}", e.toString());
        }
    }

    private int workerThreads() {
        return config.workerThreads() > 0 ? config.workerThreads()
                : Math.max(2, Runtime.getRuntime().availableProcessors() * 2);
    }

    /** The host for Via and Contact: configured, else the bind address, else this host's first address. */
    private String advertisedHost() {
        if (!config.advertisedAddress().isBlank()) {
            return config.advertisedAddress();
        }
        try {
            InetAddress bind = InetAddress.getByName(config.bindAddress());
            if (!bind.isAnyLocalAddress()) {
                return bind.getHostAddress();
            }
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!nic.isUp() || nic.isLoopback()) {
                    continue;
                }
                for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                    if (address instanceof Inet4Address) {
                        return address.getHostAddress();
                    }
                }
            }
            return InetAddress.getLoopbackAddress().getHostAddress();
        } catch (UnknownHostException | SocketException e) {
            throw new SipStartException("cannot resolve sip.bind-address " + config.bindAddress(), e);
        }
    }

    private static ThreadFactory named(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + n.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
