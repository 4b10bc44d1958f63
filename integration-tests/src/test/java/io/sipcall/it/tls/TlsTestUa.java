package io.sipcall.it.tls;

import gov.nist.javax.sip.SipStackImpl;
import io.sipcall.config.TlsConfig;
import io.sipcall.sip.stack.logging.StackLogging;
import io.sipcall.sip.tls.ProviderNetworkLayer;
import io.sipcall.sip.tls.TlsMaterial;
import io.sipcall.sip.tls.TlsPolicy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.DialogTerminatedEvent;
import javax.sip.IOExceptionEvent;
import javax.sip.ListeningPoint;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.SipFactory;
import javax.sip.SipListener;
import javax.sip.SipProvider;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionTerminatedEvent;
import javax.sip.address.AddressFactory;
import javax.sip.address.SipURI;
import javax.sip.header.CSeqHeader;
import javax.sip.header.HeaderFactory;
import javax.sip.header.ViaHeader;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * A minimal SIP-over-TLS user agent on JAIN-SIP, standing in for the WebRTC gateway (SIPp has no
 * TLS): it places one call, acknowledges the answer, and hangs up.
 */
final class TlsTestUa implements SipListener, AutoCloseable {

    private static final AtomicInteger STACKS = new AtomicInteger();
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String SDP = "v=0\r\no=ua 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
            + "m=audio 40000 RTP/AVP 0 101\r\na=rtpmap:0 PCMU/8000\r\na=rtpmap:101 telephone-event/8000\r\n";

    private final SipStackImpl stack;
    private final SipProvider provider;
    private final MessageFactory messages;
    private final HeaderFactory headers;
    private final AddressFactory addresses;
    private final int port;
    private final String host;
    private final BlockingQueue<ResponseEvent> responses = new LinkedBlockingQueue<>();

    TlsTestUa(Path workDir, Path trustedCertificate, int port) throws Exception {
        this(workDir, trustedCertificate, "127.0.0.1", port);
    }

    /** A UA on {@code host} (another loopback address than 127.0.0.1 is not a trusted peer by address). */
    TlsTestUa(Path workDir, Path trustedCertificate, String host, int port) throws Exception {
        TlsMaterial own = TlsMaterial.loadOrCreate(new TlsConfig(Optional.empty(), Optional.empty(), null), workDir,
                "127.0.0.1");
        Properties p = new Properties();
        p.setProperty("javax.sip.STACK_NAME", "tls-test-ua-" + STACKS.incrementAndGet());
        p.putAll(ProviderNetworkLayer.stackProperties());
        p.setProperty("gov.nist.javax.sip.SECURITY_MANAGER_PROVIDER", TrustingSecurityManagerProvider.class.getName());
        p.setProperty(TrustingSecurityManagerProvider.OWN_CERT, own.certificateFile().toString());
        p.setProperty(TrustingSecurityManagerProvider.OWN_KEY, own.privateKeyFile().toString());
        p.setProperty(TrustingSecurityManagerProvider.TRUSTED, trustedCertificate.toString());
        p.setProperty("gov.nist.javax.sip.TLS_CLIENT_AUTH_TYPE", "Disabled");
        p.setProperty("gov.nist.javax.sip.TLS_CLIENT_PROTOCOLS", "TLSv1.3,TLSv1.2");
        p.setProperty("gov.nist.javax.sip.ENABLED_CIPHER_SUITES", String.join(",", TlsPolicy.enabledCipherSuites()));
        p.putAll(StackLogging.stackProperties());
        this.stack = new SipStackImpl(p);
        this.port = port;
        this.host = host;
        ListeningPoint point = stack.createListeningPoint(host, port, ListeningPoint.TLS);
        this.provider = stack.createSipProvider(point);
        provider.addSipListener(this);
        SipFactory factory = SipFactory.getInstance();
        this.messages = factory.createMessageFactory();
        this.headers = factory.createHeaderFactory();
        this.addresses = factory.createAddressFactory();
    }

    /** What happened to the call: the final status and whether BYE was answered with 200. */
    record Outcome(int finalStatus, int byeStatus, String answerSdp) {
    }

    /** Calls {@code number} through the B2BUA at 127.0.0.1:{@code b2buaPort} over TLS and hangs up. */
    Outcome call(String number, int b2buaPort) throws Exception {
        SipURI target = addresses.createSipURI(number, "127.0.0.1");
        target.setPort(b2buaPort);
        target.setTransportParam("tls");
        SipURI me = addresses.createSipURI("gateway", host);
        ViaHeader via = headers.createViaHeader(host, port, ListeningPoint.TLS, null);
        Request invite = messages.createRequest(target, Request.INVITE, provider.getNewCallId(),
                headers.createCSeqHeader(1L, Request.INVITE),
                headers.createFromHeader(addresses.createAddress(me), "ua" + System.nanoTime()),
                headers.createToHeader(addresses.createAddress(target), null), List.of(via),
                headers.createMaxForwardsHeader(70));
        SipURI contact = addresses.createSipURI("gateway", host);
        contact.setPort(port);
        contact.setTransportParam("tls");
        invite.addHeader(headers.createContactHeader(addresses.createAddress(contact)));
        invite.setContent(SDP.getBytes(StandardCharsets.US_ASCII), headers.createContentTypeHeader("application", "sdp"));
        ClientTransaction transaction = provider.getNewClientTransaction(invite);
        Dialog dialog = transaction.getDialog();
        transaction.sendRequest();

        Response last = awaitFinal(Request.INVITE);
        if (last.getStatusCode() >= 300) {
            return new Outcome(last.getStatusCode(), 0, "");
        }
        String answer = new String(last.getRawContent(), StandardCharsets.US_ASCII);
        dialog.sendAck(dialog.createAck(((CSeqHeader) last.getHeader(CSeqHeader.NAME)).getSeqNumber()));
        ClientTransaction bye = provider.getNewClientTransaction(dialog.createRequest(Request.BYE));
        dialog.sendRequest(bye);
        return new Outcome(last.getStatusCode(), awaitFinal(Request.BYE).getStatusCode(), answer);
    }

    private Response awaitFinal(String method) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            ResponseEvent event = responses.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (event == null) {
                throw new AssertionError("no final response to " + method + " within " + WAIT);
            }
            Response response = event.getResponse();
            String cseqMethod = ((CSeqHeader) response.getHeader(CSeqHeader.NAME)).getMethod();
            if (cseqMethod.equals(method) && response.getStatusCode() >= 200) {
                return response;
            }
        }
    }

    @Override
    public void processResponse(ResponseEvent event) {
        responses.add(event);
    }

    @Override
    public void processRequest(RequestEvent event) {
        // The call under test never receives requests; anything else would be a test failure upstream.
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

    @Override
    public void close() {
        stack.stop();
    }
}
