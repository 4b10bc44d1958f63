package io.sipcall.media.esl;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * The threads one client owns besides its socket readers: the dispatch thread (application code), a
 * timer (command deadlines, reconnect delays) and a writer, so that sending a command never blocks the
 * caller (a SIP thread) on a full socket buffer. All are daemons named {@code esl-*-host:port}.
 */
record ClientContext(String peer, Dispatcher dispatcher, ScheduledThreadPoolExecutor timer, ExecutorService writer) {

    static ClientContext start(String peer, int eventCapacity) {
        Dispatcher dispatcher = new Dispatcher(peer, eventCapacity);
        dispatcher.start();
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, named("esl-timer-" + peer));
        // Deadlines are cancelled when their reply arrives; do not keep thousands of dead ones queued.
        timer.setRemoveOnCancelPolicy(true);
        ExecutorService writer = Executors.newSingleThreadExecutor(named("esl-writer-" + peer));
        return new ClientContext(peer, dispatcher, timer, writer);
    }

    /** Stops the timer and the writer, lets the dispatch thread run what is queued, and waits for all three. */
    void shutdown(Duration wait) {
        timer.shutdownNow();
        writer.shutdownNow();
        dispatcher.shutdown(wait);
        try {
            timer.awaitTermination(wait.toMillis(), TimeUnit.MILLISECONDS);
            writer.awaitTermination(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static ThreadFactory named(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
