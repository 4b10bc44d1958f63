package io.sipcall.sip.stack.logging;

import gov.nist.core.ServerLogger;
import gov.nist.javax.sip.header.Via;
import gov.nist.javax.sip.message.SIPMessage;

import java.util.Properties;

import javax.sip.SipStack;
import javax.sip.header.CallIdHeader;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every SIP message the stack sends or receives, as one DEBUG line on {@value #LOGGER_NAME}:
 * direction, transport, peer, first line and Call-ID. Headers and bodies are never logged (they
 * carry phone numbers and SDP); nothing is built when DEBUG is off. The stack creates it by name
 * (property {@code gov.nist.javax.sip.SERVER_LOGGER}) instead of its file-writing {@code ServerLog}.
 */
public final class Slf4jServerLogger implements ServerLogger {

    public static final String LOGGER_NAME = "javax.sip.message";

    private final Logger log = LoggerFactory.getLogger(LOGGER_NAME);

    /** Called reflectively by the SIP stack. */
    public Slf4jServerLogger() {
    }

    @Override
    public void logMessage(SIPMessage message, String from, String to, boolean sender, long time) {
        log(message, from, to, sender);
    }

    @Override
    public void logMessage(SIPMessage message, String from, String to, String status, boolean sender, long time) {
        log(message, from, to, sender);
    }

    @Override
    public void logMessage(SIPMessage message, String from, String to, String status, boolean sender) {
        log(message, from, to, sender);
    }

    /**
     * The RI passes {@code from} and {@code to} as "host:port"; when {@code sender} is true we sent
     * the message and the peer is {@code to}, otherwise the peer is {@code from}.
     */
    private void log(SIPMessage message, String from, String to, boolean sender) {
        if (!log.isDebugEnabled() || message == null) {
            return;
        }
        log.debug("{} {} {} {} call-id={}", sender ? "sent to" : "received from", transport(message),
                sender ? to : from, firstLine(message), callId(message));
    }

    private static String transport(SIPMessage message) {
        Via via = message.getTopmostVia();
        return via == null || via.getTransport() == null ? "?" : via.getTransport();
    }

    private static String firstLine(SIPMessage message) {
        String line = message.getFirstLine();
        // The encoded line ends in CRLF; no control character may split our log line.
        return line == null ? "?" : line.strip().replaceAll("\\p{Cntrl}", "?");
    }

    private static String callId(SIPMessage message) {
        CallIdHeader callId = message.getCallId();
        return callId == null ? "?" : callId.getCallId();
    }

    @Override
    public void logException(Exception ex) {
        log.debug("SIP message logging exception: {}", ex.toString(), ex);
    }

    /** Nothing to close: there is no log file. */
    @Override
    public void closeLogFile() {
        // Deliberately empty.
    }

    /** Ignored: the stack's properties configure its file-writing ServerLog. */
    @Override
    public void setStackProperties(Properties stackProperties) {
        // Deliberately empty.
    }

    /** Not kept: this logger needs nothing from the stack. */
    @Override
    public void setSipStack(SipStack sipStack) {
        // Deliberately empty.
    }
}
