package io.sipcall.it;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.LoggerFactory;

/**
 * While open, records what must never happen however bad the input: an ERROR logged under a
 * logger name prefix (a Logback {@link ListAppender} on the root logger) and an exception that
 * escapes a thread (the JVM's default uncaught-exception handler, restored on close). Each
 * {@code take} hands over what was recorded since the previous one, so every test answers for its
 * own. Thread-safe.
 */
public final class FailureWatch implements AutoCloseable {

    private final String loggerPrefix;
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private final List<Throwable> escaped = new CopyOnWriteArrayList<>();
    private final Thread.UncaughtExceptionHandler previousHandler = Thread.getDefaultUncaughtExceptionHandler();

    private FailureWatch(String loggerPrefix) {
        this.loggerPrefix = loggerPrefix;
        log.start();
        root().addAppender(log);
        Thread.setDefaultUncaughtExceptionHandler((thread, e) -> escaped.add(e));
    }

    /** Starts watching ERROR events from loggers whose names start with {@code loggerPrefix}. */
    public static FailureWatch start(String loggerPrefix) {
        return new FailureWatch(loggerPrefix);
    }

    /** The ERROR events under the prefix since the last call, as "logger: message [exception]". */
    public List<String> takeErrors() {
        List<ILoggingEvent> taken;
        synchronized (log) { // the lock the appender appends under (AppenderBase.doAppend)
            taken = List.copyOf(log.list);
            log.list.clear();
        }
        return taken.stream().filter(e -> e.getLevel() == Level.ERROR)
                .filter(e -> e.getLoggerName().startsWith(loggerPrefix))
                .map(e -> e.getLoggerName() + ": " + e.getFormattedMessage()
                        + (e.getThrowableProxy() == null ? "" : " [" + e.getThrowableProxy().getClassName() + "]"))
                .toList();
    }

    /** The exceptions that escaped a thread since the last call. */
    public List<Throwable> takeEscaped() {
        List<Throwable> taken = List.copyOf(escaped);
        escaped.removeAll(taken);
        return taken;
    }

    @Override
    public void close() {
        root().detachAppender(log);
        log.stop();
        Thread.setDefaultUncaughtExceptionHandler(previousHandler);
    }

    private static Logger root() {
        return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }
}
