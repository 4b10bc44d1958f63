package io.sipcall.sip.stack.logging;

import gov.nist.core.LogLevels;
import gov.nist.core.StackLogger;

import java.util.Properties;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JAIN-SIP's internal logging, sent to the SLF4J logger {@value #LOGGER_NAME}. The stack creates
 * it by name (property {@code gov.nist.javax.sip.STACK_LOGGER}); its own {@code LogWriter}, which
 * needs log4j, is never loaded. Levels come from the SLF4J configuration; the stack's
 * {@code TRACE_LEVEL} and log-file properties are ignored.
 *
 * <p>The RI only hands SIP messages to its {@link gov.nist.core.ServerLogger} when this logger
 * answers {@code isLoggingEnabled(TRACE_MESSAGES)}, which is {@code TRACE_INFO}; so that
 * {@value Slf4jServerLogger#LOGGER_NAME} at DEBUG works on its own, INFO counts as enabled when
 * either this logger is at INFO or the message logger is at DEBUG.
 */
public final class Slf4jStackLogger implements StackLogger {

    public static final String LOGGER_NAME = "javax.sip.stack";

    private final Logger log = LoggerFactory.getLogger(LOGGER_NAME);
    private final Logger messages = LoggerFactory.getLogger(Slf4jServerLogger.LOGGER_NAME);
    private volatile boolean enabled = true;

    /** Called reflectively by the SIP stack. */
    public Slf4jStackLogger() {
    }

    @Override
    public boolean isLoggingEnabled() {
        return enabled && log.isErrorEnabled();
    }

    /** Maps the RI's {@link LogLevels} (higher is more verbose) onto SLF4J levels. */
    @Override
    public boolean isLoggingEnabled(int logLevel) {
        if (!enabled || logLevel <= LogLevels.TRACE_NONE) {
            return false;
        }
        if (logLevel >= LogLevels.TRACE_TRACE) {
            return log.isTraceEnabled();
        }
        if (logLevel >= LogLevels.TRACE_DEBUG) {
            return log.isDebugEnabled();
        }
        if (logLevel >= LogLevels.TRACE_INFO) {
            return log.isInfoEnabled() || messages.isDebugEnabled();
        }
        if (logLevel >= LogLevels.TRACE_WARN) {
            return log.isWarnEnabled();
        }
        return log.isErrorEnabled();
    }

    @Override
    public void logStackTrace() {
        logStackTrace(LogLevels.TRACE_DEBUG);
    }

    /** Logs where the stack is, at DEBUG, if both DEBUG and {@code traceLevel} are enabled. */
    @Override
    public void logStackTrace(int traceLevel) {
        if (enabled && log.isDebugEnabled() && isLoggingEnabled(traceLevel)) {
            log.debug("SIP stack call site", new Throwable("call site"));
        }
    }

    @Override
    public int getLineCount() {
        return 0;
    }

    @Override
    public void logException(Throwable ex) {
        if (enabled) {
            log.error("SIP stack exception: {}", ex.toString(), ex);
        }
    }

    @Override
    public void logDebug(String message) {
        if (enabled) {
            log.debug(message);
        }
    }

    @Override
    public void logDebug(String message, Exception ex) {
        if (enabled) {
            log.debug(message, ex);
        }
    }

    @Override
    public void logTrace(String message) {
        if (enabled) {
            log.trace(message);
        }
    }

    @Override
    public void logFatalError(String message) {
        logError(message);
    }

    @Override
    public void logError(String message) {
        if (enabled) {
            log.error(message);
        }
    }

    @Override
    public void logError(String message, Exception ex) {
        if (enabled) {
            log.error(message, ex);
        }
    }

    @Override
    public void logWarning(String message) {
        if (enabled) {
            log.warn(message);
        }
    }

    @Override
    public void logInfo(String message) {
        if (enabled) {
            log.info(message);
        }
    }

    @Override
    public void disableLogging() {
        enabled = false;
    }

    @Override
    public void enableLogging() {
        enabled = true;
    }

    @Override
    public void setBuildTimeStamp(String buildTimeStamp) {
        log.debug("JAIN-SIP build {}", buildTimeStamp);
    }

    /** Ignored: the stack's properties configure its LogWriter, and may hold key-store passwords. */
    @Override
    public void setStackProperties(Properties stackProperties) {
        // Deliberately empty; SLF4J's configuration decides what is logged.
    }

    @Override
    public String getLoggerName() {
        return LOGGER_NAME;
    }
}
