package io.sipcall.sip.stack.logging;

import java.util.Properties;

/** The JAIN-SIP stack properties that route its logging through SLF4J. */
public final class StackLogging {

    public static final String STACK_LOGGER_PROPERTY = "gov.nist.javax.sip.STACK_LOGGER";
    public static final String SERVER_LOGGER_PROPERTY = "gov.nist.javax.sip.SERVER_LOGGER";

    private StackLogging() {
    }

    /**
     * {@value #STACK_LOGGER_PROPERTY} = {@link Slf4jStackLogger} and {@value #SERVER_LOGGER_PROPERTY}
     * = {@link Slf4jServerLogger}. Without them the RI falls back to its log4j-based LogWriter and
     * ServerLog, and log4j is not on our class path.
     */
    public static Properties stackProperties() {
        Properties properties = new Properties();
        properties.setProperty(STACK_LOGGER_PROPERTY, Slf4jStackLogger.class.getName());
        properties.setProperty(SERVER_LOGGER_PROPERTY, Slf4jServerLogger.class.getName());
        return properties;
    }
}
