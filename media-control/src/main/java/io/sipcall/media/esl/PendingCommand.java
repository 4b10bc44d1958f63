package io.sipcall.media.esl;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A command sent and not yet answered. It keeps its place in the connection's reply queue even after its
 * deadline passed: FreeSWITCH answers in command order, so the late reply must still be taken off the
 * wire for this command (and discarded) rather than handed to the next one.
 */
final class PendingCommand {

    private static final Logger LOG = LoggerFactory.getLogger(PendingCommand.class);

    private final String description;
    private final ClientContext context;
    private final CompletableFuture<EslFrame> reply = new CompletableFuture<>();
    private volatile ScheduledFuture<?> deadline;

    PendingCommand(String command, ClientContext context) {
        this.description = Commands.firstLine(command);
        this.context = context;
    }

    String description() {
        return description;
    }

    /** Completed on the dispatch thread. */
    CompletableFuture<EslFrame> reply() {
        return reply;
    }

    void expireAfter(Duration timeout) {
        try {
            deadline = context.timer().schedule(() -> context.dispatcher().execute(() -> reply.completeExceptionally(
                    new EslTimeoutException(context.peer() + ": no reply to '" + description + "' within "
                            + timeout.toMillis() + " ms"))), timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            // The client is closing; the end of the connection fails this command.
        }
    }

    void answered(EslFrame frame) {
        cancelDeadline();
        if (reply.isDone()) {
            LOG.debug("ESL {}: discarded the late reply to '{}', which had timed out", context.peer(), description);
            return;
        }
        context.dispatcher().execute(() -> reply.complete(frame));
    }

    void failed(Throwable cause) {
        cancelDeadline();
        context.dispatcher().execute(() -> reply.completeExceptionally(cause));
    }

    private void cancelDeadline() {
        ScheduledFuture<?> scheduled = deadline;
        if (scheduled != null) {
            scheduled.cancel(false);
        }
    }
}
