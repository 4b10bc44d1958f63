package io.sipcall.media.esl;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * {@code bgapi} jobs waiting for their {@code BACKGROUND_JOB} event. The client picks each job's UUID
 * itself and sends it as the command's {@code Job-UUID} header (which mod_event_socket honours), so the
 * job is known before FreeSWITCH can possibly report it.
 */
final class BackgroundJobs {

    private static final String JOB_UUID = "Job-UUID";

    private final ClientContext context;
    private final Map<String, CompletableFuture<ApiResponse>> waiting = new ConcurrentHashMap<>();

    BackgroundJobs(ClientContext context) {
        this.context = context;
    }

    /** A future for job {@code jobUuid}, failed with a timeout unless its result arrives in time. */
    CompletableFuture<ApiResponse> register(String jobUuid, String description, Duration timeout) {
        CompletableFuture<ApiResponse> result = new CompletableFuture<>();
        waiting.put(jobUuid, result);
        ScheduledFuture<?> deadline = schedule(() -> result.completeExceptionally(new EslTimeoutException(
                context.peer() + ": no result of '" + description + "' within " + timeout.toMillis() + " ms")), timeout);
        result.whenComplete((response, error) -> {
            waiting.remove(jobUuid);
            if (deadline != null) {
                deadline.cancel(false);
            }
        });
        return result;
    }

    /** Completes the job this {@code BACKGROUND_JOB} event reports, if it is one of ours. Dispatch thread only. */
    void completed(EslEvent event) {
        event.header(JOB_UUID).map(waiting::remove).ifPresent(job -> job.complete(new ApiResponse(event.body())));
    }

    /** The connection that would have carried the results is gone: every waiting job fails. */
    void failAll(Throwable cause) {
        waiting.values().forEach(job -> context.dispatcher().execute(() -> job.completeExceptionally(cause)));
    }

    private ScheduledFuture<?> schedule(Runnable expiry, Duration timeout) {
        try {
            return context.timer().schedule(() -> context.dispatcher().execute(expiry), timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            return null;
        }
    }
}
