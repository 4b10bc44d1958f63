package io.sipcall.persistence.directory;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/** The log lines of one class while a test runs. */
final class LogCapture implements AutoCloseable {

    private final Logger logger;
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    private LogCapture(Class<?> source) {
        this.logger = (Logger) LoggerFactory.getLogger(source);
        appender.start();
        logger.addAppender(appender);
    }

    static LogCapture of(Class<?> source) {
        return new LogCapture(source);
    }

    /** The formatted messages logged so far that contain {@code part}. */
    List<String> lines(String part) {
        return List.copyOf(appender.list).stream().map(ILoggingEvent::getFormattedMessage)
                .filter(message -> message.contains(part)).toList();
    }

    @Override
    public void close() {
        logger.detachAppender(appender);
    }
}
