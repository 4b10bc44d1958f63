package io.sipcall.sip.stack;

import io.sipcall.config.SipConfig;
import io.sipcall.sip.stack.logging.StackLogging;
import io.sipcall.sip.stack.screen.RejectionValve;
import io.sipcall.sip.stack.screen.ScreeningParserFactory;
import io.sipcall.sip.tls.ProviderNetworkLayer;
import java.util.Properties;

/**
 * The JAIN-SIP RI configuration this B2BUA runs on. Each property is chosen, not inherited: see the
 * comment beside it.
 */
public final class SipStackFactory {

    /** Largest message accepted on a stream transport; guards memory against oversized bodies. */
    static final int MAX_MESSAGE_SIZE = 64 * 1024;

    private SipStackFactory() {
    }

    /** Stack properties for {@code config}, plus {@code extra} (TLS material). */
    public static Properties properties(String stackName, SipConfig config, Properties extra) {
        Properties p = new Properties();
        p.setProperty("javax.sip.STACK_NAME", stackName);
        // We create dialogs ourselves (getNewDialog) for INVITE legs only; nothing else gets one.
        p.setProperty("javax.sip.AUTOMATIC_DIALOG_SUPPORT", "off");
        // The classic transports (the RI's default), not NIO: the RI 1.3.0-91 NIO client never keeps a
        // connection it opens (NIOHandler.openOutgoingConnection drops it from its table because
        // "connected" is never set), so every request to a TCP/TLS trunk opened a new connection and
        // closed the previous one, losing the responses on it. A thread per connection is fine here:
        // a B2BUA has few connections (the gateway, the trunks). Sockets come from our network layer,
        // which bounds connects and gives TLS our PEM material.
        p.putAll(ProviderNetworkLayer.stackProperties());
        // Events for different calls are delivered concurrently; each call serialises its own.
        p.setProperty("gov.nist.javax.sip.REENTRANT_LISTENER", "true");
        // One thread reads and parses UDP: with several, datagrams of one call are processed out of
        // order (a trunk's 503 overtook the 183 sent just before it, so the 183 was dropped and the
        // call failed over although the trunk had started early media). Parsing is cheap; the call
        // logic still runs in parallel on the calls' own executors.
        p.setProperty("gov.nist.javax.sip.THREAD_POOL_SIZE", "1");
        p.setProperty("gov.nist.javax.sip.TCP_POST_PARSING_THREAD_POOL_SIZE", Integer.toString(stackThreads()));
        // The RI's default java.util.Timer is one thread and keeps cancelled tasks until they expire.
        p.setProperty("gov.nist.javax.sip.TIMER_CLASS_NAME",
                "gov.nist.javax.sip.stack.timers.ScheduledExecutorSipTimer");
        p.setProperty("gov.nist.javax.sip.MAX_MESSAGE_SIZE", Integer.toString(MAX_MESSAGE_SIZE));
        // Malformed input gets a well-formed 400 where one is possible and is dropped otherwise; the
        // RI alone sends an unparseable 400 over UDP and closes the connection over TCP (package screen).
        p.setProperty("gov.nist.javax.sip.MESSAGE_PARSER_FACTORY", ScreeningParserFactory.class.getName());
        p.setProperty("gov.nist.javax.sip.SIP_MESSAGE_VALVE", RejectionValve.class.getName());
        // Release message references as soon as transactions no longer need them (memory per call).
        p.setProperty("gov.nist.javax.sip.AGGRESSIVE_CLEANUP", "true");
        p.setProperty("gov.nist.javax.sip.LOG_MESSAGE_CONTENT", "false");
        p.setProperty("gov.nist.javax.sip.CACHE_CLIENT_CONNECTIONS", "true");
        // Stray responses (a 2xx retransmitted after its transaction ended) still reach us, so a
        // duplicate 200 can be acknowledged again.
        p.setProperty("gov.nist.javax.sip.REJECT_STRAY_RESPONSES", "false");
        // No forking support: the first 2xx wins.
        p.setProperty("gov.nist.javax.sip.MAX_FORK_TIME_SECONDS", "0");
        // Transaction tables sized for thousands of concurrent calls (issue: load targets).
        p.setProperty("gov.nist.javax.sip.MAX_SERVER_TRANSACTIONS", "100000");
        p.setProperty("gov.nist.javax.sip.MAX_CLIENT_TRANSACTIONS", "100000");
        // The RI's own loggers need log4j; ours go to SLF4J, one line per event, no message bodies.
        p.putAll(StackLogging.stackProperties());
        p.putAll(extra);
        return p;
    }

    private static int stackThreads() {
        return Math.max(4, Runtime.getRuntime().availableProcessors() * 2);
    }
}
