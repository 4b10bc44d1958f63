package io.sipcall.media.esl;

import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client's one thread for application code: event listeners, state listeners and the completion of
 * every future run here, one at a time, in the order the socket reader produced them. The reader thread
 * therefore never runs application code, and a reply is never overtaken by an event that followed it
 * on the wire.
 *
 * <p>Events are bounded: when {@code eventCapacity} events wait, the reader blocks, TCP's window fills
 * and FreeSWITCH queues them instead (backpressure, not loss). Replies, timeouts and state changes are
 * never bounded, so nobody but the reader ever waits here.
 */
final class Dispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);
    private static final Runnable STOP = () -> { };
    /** Released on shutdown so that a reader waiting for room goes on and sees its socket closed. */
    private static final int UNBLOCK_ALL = Integer.MAX_VALUE / 2;

    private final String peer;
    private final LinkedBlockingQueue<Runnable> tasks = new LinkedBlockingQueue<>();
    private final Semaphore eventRoom;
    private final Thread thread;
    private boolean stopped;

    Dispatcher(String peer, int eventCapacity) {
        this.peer = peer;
        this.eventRoom = new Semaphore(eventCapacity);
        this.thread = new Thread(this::run, "esl-dispatch-" + peer);
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** Queues a task; never blocks. Once stopped, the task runs on the caller's thread instead. */
    void execute(Runnable task) {
        synchronized (this) {
            if (!stopped) {
                tasks.add(task);
                return;
            }
        }
        runSafely(task);
    }

    /** Queues an event's delivery, waiting while the queue already holds its capacity of events. */
    void executeEvent(Runnable delivery) {
        eventRoom.acquireUninterruptibly();
        synchronized (this) {
            if (!stopped) {
                tasks.add(() -> {
                    try {
                        delivery.run();
                    } finally {
                        eventRoom.release();
                    }
                });
                return;
            }
        }
        eventRoom.release();
    }

    /** Runs what is queued, then ends the thread; waits up to {@code wait} unless called from it. */
    void shutdown(Duration wait) {
        synchronized (this) {
            if (stopped) {
                return;
            }
            stopped = true;
            tasks.add(STOP);
        }
        eventRoom.release(UNBLOCK_ALL);
        if (Thread.currentThread() != thread && thread.isAlive()) {
            try {
                thread.join(wait.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void run() {
        while (true) {
            Runnable task;
            try {
                task = tasks.take();
            } catch (InterruptedException e) {
                return;
            }
            if (task == STOP) {
                return;
            }
            runSafely(task);
        }
    }

    private void runSafely(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            LOG.warn("ESL {}: a callback threw", peer, e);
        }
    }
}
