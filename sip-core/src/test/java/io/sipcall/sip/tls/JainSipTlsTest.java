package io.sipcall.sip.tls;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import gov.nist.javax.sip.SipStackImpl;
import gov.nist.javax.sip.message.MessageFactoryImpl;
import gov.nist.javax.sip.stack.NioMessageProcessorFactory;
import io.sipcall.config.TlsConfig;
import io.sipcall.sip.stack.logging.Slf4jServerLogger;
import io.sipcall.sip.stack.logging.StackLogging;
import io.sipcall.sip.testing.CapturedLog;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.sip.DialogTerminatedEvent;
import javax.sip.IOExceptionEvent;
import javax.sip.ListeningPoint;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.SipListener;
import javax.sip.SipProvider;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionTerminatedEvent;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ch.qos.logback.classic.Level;

/**
 * A real JAIN-SIP stack (NIO TLS transport) configured only through our two property helpers,
 * with log4j absent from the class path, answering OPTIONS over TLS from a JDK client.
 */
class JainSipTlsTest {

    private static final int TIMEOUT_MILLIS = 10_000;
    private static final TlsConfig DEFAULTS = new TlsConfig(Optional.empty(), Optional.empty(), null);

    @TempDir
    Path dataDir;

    private final CompletableFuture<Void> listenerFailure = new CompletableFuture<>();
    private TlsMaterial material;
    private SipStackImpl stack;
    private int port;
    private CapturedLog messages;

    @BeforeEach
    void startStack() throws Exception {
        messages = CapturedLog.capture(Slf4jServerLogger.LOGGER_NAME, Level.DEBUG);
        material = TlsMaterial.loadOrCreate(DEFAULTS, dataDir, "localhost");
        Properties properties = new Properties();
        properties.setProperty("javax.sip.STACK_NAME", "jain-sip-tls-test");
        properties.setProperty("gov.nist.javax.sip.MESSAGE_PROCESSOR_FACTORY", NioMessageProcessorFactory.class.getName());
        properties.putAll(StackLogging.stackProperties());
        properties.putAll(PemSecurityManagerProvider.stackProperties(material, DEFAULTS));
        stack = new SipStackImpl(properties);
        port = freeLoopbackPort();
        ListeningPoint listeningPoint = stack.createListeningPoint("127.0.0.1", port, ListeningPoint.TLS);
        SipProvider provider = stack.createSipProvider(listeningPoint);
        provider.addSipListener(new OptionsResponder(provider));
        stack.start();
    }

    @AfterEach
    void stopStack() {
        stack.stop();
        messages.close();
    }

    @Test
    void stack_answers_options_over_tls13_and_logs_one_line_per_message_without_log4j() throws Exception {
        assertThatThrownBy(() -> Class.forName("org.apache.log4j.Logger")).isInstanceOf(ClassNotFoundException.class);

        try (SSLSocket client = connect("TLSv1.3", "TLSv1.2")) {
            client.startHandshake();
            assertThat(client.getSession().getProtocol()).isEqualTo("TLSv1.3");
            client.getOutputStream().write(options(client.getLocalPort()).getBytes(US_ASCII));
            BufferedReader response = new BufferedReader(new InputStreamReader(client.getInputStream(), US_ASCII));

            assertThat(response.readLine()).isEqualTo("SIP/2.0 200 OK");
        }
        assertThat(listenerFailure).isNotCompletedExceptionally();
        await().atMost(Duration.ofMillis(TIMEOUT_MILLIS)).until(() -> messages.messages().size() >= 2);
        assertThat(messages.messages()).satisfiesExactly(
                line -> assertThat(line).startsWith("received from TLS 127.0.0.1:")
                        .endsWith(" OPTIONS sip:probe@127.0.0.1:" + port + ";transport=tls SIP/2.0 call-id=probe-1"),
                line -> assertThat(line).startsWith("sent to TLS 127.0.0.1:")
                        .endsWith(" SIP/2.0 200 OK call-id=probe-1"));
        assertThat(String.join("\n", messages.messages())).doesNotContain("+15550001111");
    }

    @Test
    void stack_negotiates_an_aead_suite_with_a_tls12_client() throws Exception {
        try (SSLSocket client = connect("TLSv1.2")) {
            client.startHandshake();

            assertThat(client.getSession().getProtocol()).isEqualTo("TLSv1.2");
            assertThat(client.getSession().getCipherSuite()).isIn(TlsPolicy.MODERN_CIPHER_SUITES);
        }
    }

    /** The JDK would accept this CBC suite by default; the stack's ENABLED_CIPHER_SUITES must not. */
    @Test
    void stack_refuses_a_tls12_client_offering_only_cbc() throws Exception {
        try (SSLSocket client = connect("TLSv1.2")) {
            client.setEnabledCipherSuites(new String[] {"TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256"});

            assertThatThrownBy(client::startHandshake).isInstanceOf(SSLException.class);
        }
    }

    private SSLSocket connect(String... protocols) throws Exception {
        SSLContext context = TestPki.clientTrusting(material.certificateChain().get(0));
        Socket plain = new Socket(InetAddress.getLoopbackAddress(), port);
        SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(plain, "localhost", port, true);
        SSLParameters parameters = socket.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        parameters.setProtocols(protocols);
        socket.setSSLParameters(parameters);
        socket.setSoTimeout(TIMEOUT_MILLIS);
        return socket;
    }

    private String options(int clientPort) {
        return String.join("\r\n",
                "OPTIONS sip:probe@127.0.0.1:" + port + ";transport=tls SIP/2.0",
                "Via: SIP/2.0/TLS 127.0.0.1:" + clientPort + ";branch=z9hG4bK-probe-1;rport",
                "Max-Forwards: 70",
                "From: <sip:+15550001111@client.invalid>;tag=probe",
                "To: <sip:probe@127.0.0.1>",
                "Call-ID: probe-1",
                "CSeq: 1 OPTIONS",
                "Content-Length: 0",
                "", "");
    }

    private static int freeLoopbackPort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }

    /** Answers every OPTIONS with 200; any failure is kept for the test to see. */
    private final class OptionsResponder implements SipListener {
        private final SipProvider provider;

        OptionsResponder(SipProvider provider) {
            this.provider = provider;
        }

        @Override
        public void processRequest(RequestEvent event) {
            try {
                provider.getNewServerTransaction(event.getRequest())
                        .sendResponse(new MessageFactoryImpl().createResponse(200, event.getRequest()));
            } catch (Exception e) {
                listenerFailure.completeExceptionally(e);
            }
        }

        @Override
        public void processResponse(ResponseEvent event) {
        }

        @Override
        public void processTimeout(TimeoutEvent event) {
        }

        @Override
        public void processIOException(IOExceptionEvent event) {
        }

        @Override
        public void processTransactionTerminated(TransactionTerminatedEvent event) {
        }

        @Override
        public void processDialogTerminated(DialogTerminatedEvent event) {
        }
    }
}
