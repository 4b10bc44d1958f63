package io.sipcall.sip.stack.logging;

import static org.assertj.core.api.Assertions.assertThat;

import gov.nist.core.LogLevels;
import gov.nist.core.ServerLogger;
import gov.nist.core.StackLogger;
import gov.nist.javax.sip.message.MessageFactoryImpl;
import gov.nist.javax.sip.message.SIPMessage;
import io.sipcall.sip.testing.CapturedLog;

import java.util.Map;

import org.junit.jupiter.api.Test;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;

class Slf4jLoggersTest {

    private static final String CALLER = "+15550001111";
    private static final String SDP_ADDRESS = "198.51.100.9";
    private static final String SDP = "v=0\r\no=- 1 1 IN IP4 " + SDP_ADDRESS + "\r\ns=-\r\nc=IN IP4 " + SDP_ADDRESS
            + "\r\nt=0 0\r\nm=audio 40000 RTP/AVP 0\r\n";
    private static final String INVITE = String.join("\r\n",
            "INVITE sip:+15559998888@trunk.example.net SIP/2.0",
            "Via: SIP/2.0/TLS 192.0.2.10:5061;branch=z9hG4bK-1",
            "Max-Forwards: 70",
            "From: \"Alice\" <sip:" + CALLER + "@pbx.example.org>;tag=a1",
            "To: <sip:+15559998888@trunk.example.net>",
            "Call-ID: c0ffee@192.0.2.10",
            "CSeq: 1 INVITE",
            "Contact: <sip:" + CALLER + "@192.0.2.10:5061;transport=tls>",
            "Content-Type: application/sdp",
            "Content-Length: " + SDP.length(),
            "",
            SDP);

    @Test
    void received_message_is_one_debug_line_without_headers_or_body() throws Exception {
        SIPMessage invite = (SIPMessage) new MessageFactoryImpl().createRequest(INVITE);

        try (CapturedLog log = CapturedLog.capture(Slf4jServerLogger.LOGGER_NAME, Level.DEBUG)) {
            new Slf4jServerLogger().logMessage(invite, "192.0.2.10:5061", "203.0.113.1:5061", false, 0L);

            ILoggingEvent event = log.events().get(0);
            assertThat(log.events()).hasSize(1);
            assertThat(event.getLevel()).isEqualTo(Level.DEBUG);
            assertThat(event.getFormattedMessage()).isEqualTo("received from TLS 192.0.2.10:5061 "
                    + "INVITE sip:+15559998888@trunk.example.net SIP/2.0 call-id=c0ffee@192.0.2.10");
            assertThat(event.getFormattedMessage()).doesNotContain(CALLER, SDP_ADDRESS, "\n", "\r");
        }
    }

    @Test
    void sent_response_names_the_peer_it_went_to() throws Exception {
        SIPMessage invite = (SIPMessage) new MessageFactoryImpl().createRequest(INVITE);
        SIPMessage ringing = (SIPMessage) new MessageFactoryImpl().createResponse(180, (javax.sip.message.Request) invite);

        try (CapturedLog log = CapturedLog.capture(Slf4jServerLogger.LOGGER_NAME, Level.DEBUG)) {
            new Slf4jServerLogger().logMessage(ringing, "203.0.113.1:5061", "192.0.2.10:5061", "", true, 0L);

            assertThat(log.messages()).containsExactly(
                    "sent to TLS 192.0.2.10:5061 SIP/2.0 180 Ringing call-id=c0ffee@192.0.2.10");
        }
    }

    @Test
    void server_logger_is_silent_when_debug_is_off() throws Exception {
        SIPMessage invite = (SIPMessage) new MessageFactoryImpl().createRequest(INVITE);

        try (CapturedLog log = CapturedLog.capture(Slf4jServerLogger.LOGGER_NAME, Level.INFO)) {
            ServerLogger logger = new Slf4jServerLogger();
            logger.logMessage(invite, "192.0.2.10:5061", "203.0.113.1:5061", false, 0L);
            logger.logMessage(invite, "192.0.2.10:5061", "203.0.113.1:5061", "", false);

            assertThat(log.events()).isEmpty();
        }
    }

    @Test
    void stack_logger_maps_ri_levels_onto_slf4j_levels() {
        StackLogger logger = new Slf4jStackLogger();
        try (CapturedLog stack = CapturedLog.capture(Slf4jStackLogger.LOGGER_NAME, Level.WARN);
                CapturedLog messages = CapturedLog.capture(Slf4jServerLogger.LOGGER_NAME, Level.INFO)) {
            assertThat(enabledLevels(logger)).containsExactlyInAnyOrderEntriesOf(Map.of(
                    "NONE", false, "FATAL", true, "ERROR", true, "WARN", true,
                    "INFO", false, "DEBUG", false, "TRACE", false));

            stack.level(Level.TRACE);
            assertThat(enabledLevels(logger)).containsExactlyInAnyOrderEntriesOf(Map.of(
                    "NONE", false, "FATAL", true, "ERROR", true, "WARN", true,
                    "INFO", true, "DEBUG", true, "TRACE", true));
        }
    }

    @Test
    void message_logging_at_debug_opens_the_stacks_trace_messages_gate() {
        StackLogger logger = new Slf4jStackLogger();
        try (CapturedLog stack = CapturedLog.capture(Slf4jStackLogger.LOGGER_NAME, Level.WARN);
                CapturedLog messages = CapturedLog.capture(Slf4jServerLogger.LOGGER_NAME, Level.DEBUG)) {
            assertThat(logger.isLoggingEnabled(LogLevels.TRACE_MESSAGES)).isTrue();
            assertThat(logger.isLoggingEnabled(LogLevels.TRACE_DEBUG)).isFalse();
        }
    }

    @Test
    void stack_logger_emits_one_event_per_call_at_the_matching_level() {
        StackLogger logger = new Slf4jStackLogger();
        try (CapturedLog log = CapturedLog.capture(Slf4jStackLogger.LOGGER_NAME, Level.INFO)) {
            logger.logDebug("dropped");
            logger.logTrace("dropped");
            logger.logInfo("info");
            logger.logWarning("warning");
            logger.logError("error", new IllegalStateException("boom"));
            logger.logFatalError("fatal");
            logger.logException(new IllegalArgumentException("bad"));

            assertThat(log.events()).extracting(e -> e.getLevel() + " " + e.getFormattedMessage()).containsExactly(
                    "INFO info", "WARN warning", "ERROR error", "ERROR fatal",
                    "ERROR SIP stack exception: java.lang.IllegalArgumentException: bad");
            assertThat(log.events().get(2).getThrowableProxy().getMessage()).isEqualTo("boom");
        }
    }

    @Test
    void stack_trace_is_logged_only_when_debug_is_enabled() {
        StackLogger logger = new Slf4jStackLogger();
        try (CapturedLog log = CapturedLog.capture(Slf4jStackLogger.LOGGER_NAME, Level.INFO)) {
            logger.logStackTrace();
            logger.logStackTrace(LogLevels.TRACE_INFO);
            assertThat(log.events()).isEmpty();

            log.level(Level.DEBUG);
            logger.logStackTrace();
            assertThat(log.events()).singleElement().satisfies(event -> {
                assertThat(event.getLevel()).isEqualTo(Level.DEBUG);
                assertThat(event.getThrowableProxy()).isNotNull();
            });
        }
    }

    @Test
    void disabled_stack_logger_reports_and_logs_nothing_until_enabled() {
        StackLogger logger = new Slf4jStackLogger();
        try (CapturedLog log = CapturedLog.capture(Slf4jStackLogger.LOGGER_NAME, Level.DEBUG)) {
            logger.disableLogging();
            logger.logError("dropped");
            assertThat(logger.isLoggingEnabled()).isFalse();
            assertThat(logger.isLoggingEnabled(LogLevels.TRACE_ERROR)).isFalse();

            logger.enableLogging();
            logger.logError("kept");
            assertThat(log.messages()).containsExactly("kept");
            assertThat(logger.getLineCount()).isZero();
            assertThat(logger.getLoggerName()).isEqualTo("javax.sip.stack");
        }
    }

    @Test
    void stack_properties_name_both_loggers_which_the_stack_can_instantiate() throws Exception {
        assertThat(StackLogging.stackProperties()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "gov.nist.javax.sip.STACK_LOGGER", "io.sipcall.sip.stack.logging.Slf4jStackLogger",
                "gov.nist.javax.sip.SERVER_LOGGER", "io.sipcall.sip.stack.logging.Slf4jServerLogger"));
        // The RI does exactly this (SipStackImpl's constructor).
        assertThat(Class.forName(StackLogging.stackProperties().getProperty("gov.nist.javax.sip.STACK_LOGGER"))
                .getConstructor().newInstance()).isInstanceOf(StackLogger.class);
        assertThat(Class.forName(StackLogging.stackProperties().getProperty("gov.nist.javax.sip.SERVER_LOGGER"))
                .getConstructor().newInstance()).isInstanceOf(ServerLogger.class);
    }

    private static Map<String, Boolean> enabledLevels(StackLogger logger) {
        return Map.of(
                "NONE", logger.isLoggingEnabled(LogLevels.TRACE_NONE),
                "FATAL", logger.isLoggingEnabled(LogLevels.TRACE_FATAL),
                "ERROR", logger.isLoggingEnabled(LogLevels.TRACE_ERROR),
                "WARN", logger.isLoggingEnabled(LogLevels.TRACE_WARN),
                "INFO", logger.isLoggingEnabled(LogLevels.TRACE_INFO),
                "DEBUG", logger.isLoggingEnabled(LogLevels.TRACE_DEBUG),
                "TRACE", logger.isLoggingEnabled(LogLevels.TRACE_TRACE));
    }
}
