package io.sipcall.sip.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;

/**
 * Captures what one Logback logger receives, at a chosen level, until closed; closing restores the
 * logger's previous level. Safe to read while other threads log.
 */
public final class CapturedLog implements AutoCloseable {

    private final Logger logger;
    private final Level previousLevel;
    private final Appender appender = new Appender();

    private CapturedLog(String loggerName, Level level) {
        this.logger = (Logger) LoggerFactory.getLogger(loggerName);
        this.previousLevel = logger.getLevel();
        logger.setLevel(level);
        appender.setContext(logger.getLoggerContext());
        appender.start();
        logger.addAppender(appender);
    }

    public static CapturedLog capture(String loggerName, Level level) {
        return new CapturedLog(loggerName, level);
    }

    public static CapturedLog capture(Class<?> loggerClass, Level level) {
        return capture(loggerClass.getName(), level);
    }

    /** Changes the captured logger's level while capturing. */
    public void level(Level level) {
        logger.setLevel(level);
    }

    public List<ILoggingEvent> events() {
        return List.copyOf(appender.events);
    }

    /** Each event's formatted message (arguments filled in, no throwable). */
    public List<String> messages() {
        return appender.events.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    @Override
    public void close() {
        logger.detachAppender(appender);
        appender.stop();
        logger.setLevel(previousLevel);
    }

    private static final class Appender extends AppenderBase<ILoggingEvent> {
        private final List<ILoggingEvent> events = new CopyOnWriteArrayList<>();

        @Override
        protected void append(ILoggingEvent event) {
            events.add(event);
        }
    }
}
