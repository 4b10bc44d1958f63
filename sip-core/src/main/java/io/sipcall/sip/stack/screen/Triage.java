package io.sipcall.sip.stack.screen;

import gov.nist.javax.sip.header.CSeq;
import gov.nist.javax.sip.header.CallID;
import gov.nist.javax.sip.header.ContentLength;
import gov.nist.javax.sip.header.From;
import gov.nist.javax.sip.header.RequestLine;
import gov.nist.javax.sip.header.StatusLine;
import gov.nist.javax.sip.header.To;
import gov.nist.javax.sip.header.Via;
import gov.nist.javax.sip.header.ViaList;
import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sip.message.Request;

/**
 * Decides what becomes of one parsed message and puts stand-ins where its mandatory headers could
 * not be read, so that the stack can carry it to {@link RejectionValve}.
 *
 * <p>A request is answered with 400 when the sender can match the answer to it: its Via headers
 * are all readable (a response is routed by them, RFC 3261 18.2.2) and From, To, Call-ID and CSeq
 * are all there, readable or not, so the response can copy them (RFC 3261 8.2.6.2). Otherwise, and
 * for every ACK (RFC 3261 17.2.1) and response, it is dropped. A well-formed request of another SIP
 * version gets 505 (RFC 3261 21.5.6), where the RI would read it as SIP/2.0.
 */
final class Triage {

    /** A method: an RFC 3261 token. */
    private static final String TOKEN = "[A-Za-z0-9!%*_+`'~.-]+";
    /** A request line: method, Request-URI, version. Only the version is checked here. */
    private static final Pattern REQUEST_LINE = Pattern.compile("(" + TOKEN + ") +\\S.* +(SIP/\\S+)",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern METHOD = Pattern.compile(TOKEN);

    private final SIPMessage message;
    private final ParseFailures failures;
    private final Origin origin;
    private final List<String> problems = new ArrayList<>();
    private boolean answerable;
    private boolean requestLineStoodIn;

    private Triage(SIPMessage message, ParseFailures failures, Origin origin) {
        this.message = message;
        this.failures = failures;
        this.origin = origin;
        this.answerable = message instanceof SIPRequest;
    }

    /** Whether the first line of a message is a SIP request or status line at all. */
    static boolean looksLikeSip(String firstLine) {
        return firstLine.regionMatches(true, 0, "SIP/", 0, 4) || REQUEST_LINE.matcher(firstLine).matches();
    }

    /**
     * The rejection for {@code message}, if it has anything wrong; {@code problem} is a framing
     * problem the caller found (on a datagram), or null.
     */
    static Optional<Rejection> of(SIPMessage message, ParseFailures failures, Origin origin, String firstLine,
            String problem) {
        Triage triage = new Triage(message, failures, origin);
        triage.firstLine();
        triage.mandatoryHeaders();
        if (failures.failed(ContentLength.class)) {
            triage.problems.add("Bad Content-Length header field");
        }
        if (problem != null) {
            triage.problems.add(problem);
        }
        return triage.verdict(firstLine);
    }

    private void firstLine() {
        if (message instanceof SIPRequest request && request.getRequestLine() == null) {
            problems.add("Bad Request-Line");
            request.setRequestLine(StandIns.requestLine(methodGuess()));
            requestLineStoodIn = true;
        } else if (message instanceof SIPResponse response && response.getStatusLine() == null) {
            problems.add("Bad Status-Line");
            response.setStatusLine(StandIns.statusLine());
        }
    }

    /** The method of an unreadable request line: its first word, or failing that the CSeq's. */
    private String methodGuess() {
        String line = failures.text(RequestLine.class).orElse("");
        String first = line.split(" ", 2)[0];
        if (METHOD.matcher(first).matches()) {
            return first;
        }
        return message.getCSeq() != null ? message.getCSeq().getMethod() : "UNKNOWN";
    }

    private void mandatoryHeaders() {
        ViaList vias = message.getViaHeaders();
        if (failures.failed(Via.class) || vias == null || vias.isEmpty()) {
            problems.add((failures.failed(Via.class) ? "Bad" : "Missing") + " Via header field");
            answerable = false;
            if (vias == null || vias.isEmpty()) {
                message.setHeader(StandIns.via(origin.transport(), origin.address(), origin.port()));
            }
        }
        if (message.getFrom() == null) {
            message.setHeader(StandIns.from(copy(From.class, "From")));
        }
        if (message.getTo() == null) {
            message.setHeader(StandIns.to(copy(To.class, "To")));
        }
        if (message.getCallId() == null) {
            message.setHeader(StandIns.callId(copy(CallID.class, "Call-ID")));
        }
        String method = message instanceof SIPRequest request ? request.getMethod() : "UNKNOWN";
        if (message.getCSeq() == null) {
            message.setHeader(StandIns.cSeq(copy(CSeq.class, "CSeq"), method));
        } else if (message instanceof SIPRequest && !message.getCSeq().getMethod().equalsIgnoreCase(method)) {
            // RFC 3261 8.1.1.5. The stand-in reports the request's method, or the RI would answer
            // first, with its own 400 (and, over TCP, an exception in its log).
            if (!requestLineStoodIn) {
                problems.add("CSeq method does not match the Request-Line");
            }
            message.setHeader(StandIns.cSeq(((CSeq) message.getCSeq()).encodeBody(), method));
        }
    }

    /** The sender's text for a header it sent unreadable; a missing header makes a 400 impossible. */
    private String copy(Class<?> headerClass, String name) {
        Optional<String> text = failures.text(headerClass);
        problems.add((text.isPresent() ? "Bad " : "Missing ") + name + " header field");
        if (text.isEmpty()) {
            answerable = false;
        }
        return text.orElse("");
    }

    private Optional<Rejection> verdict(String firstLine) {
        boolean ack = message instanceof SIPRequest request && Request.ACK.equals(request.getMethod());
        if (!problems.isEmpty()) {
            String reason = problems.get(0);
            return Optional.of(answerable && !ack ? new Rejection(400, reason) : Rejection.drop(reason));
        }
        Matcher line = REQUEST_LINE.matcher(firstLine);
        if (message instanceof SIPRequest && line.matches() && !line.group(2).equalsIgnoreCase("SIP/2.0")) {
            String reason = "Version Not Supported";
            return Optional.of(ack ? Rejection.drop(reason) : new Rejection(505, reason));
        }
        return Optional.empty();
    }
}
