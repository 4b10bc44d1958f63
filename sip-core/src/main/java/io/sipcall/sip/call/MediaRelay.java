package io.sipcall.sip.call;

import io.sipcall.sip.port.Body;
import io.sipcall.sip.port.MediaSession;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * Passes bodies through the call's {@link MediaSession} in arrival order, then continues on the call's
 * executor. Ordering matters: a 180 must not overtake the 183 before it just because the anchor took
 * longer over the 183's SDP.
 */
final class MediaRelay {

    private final MediaSession session;
    private final Executor executor;
    private final Consumer<Throwable> onFailure;
    private CompletableFuture<Void> tail = CompletableFuture.completedFuture(null);
    private boolean failed;
    private boolean closed;

    MediaRelay(MediaSession session, Executor executor, Consumer<Throwable> onFailure) {
        this.session = session;
        this.executor = executor;
        this.onFailure = onFailure;
    }

    /**
     * Hands {@code body} (travelling away from {@code from}) to the anchor and runs {@code then} with the
     * result, after every earlier relay of this call.
     */
    void relay(Side from, Optional<Body> body, Consumer<Optional<Body>> then) {
        if (failed || closed) {
            return;
        }
        if (tail.isDone() && body.isEmpty()) {
            then.accept(Optional.empty());
            return;
        }
        tail = tail.thenCompose(ignored -> transform(from, body))
                .handleAsync((result, error) -> {
                    if (error != null) {
                        fail(error);
                    } else if (!failed && !closed) {
                        then.accept(result);
                    }
                    return null;
                }, executor);
    }

    private CompletionStage<Optional<Body>> transform(Side from, Optional<Body> body) {
        if (body.isEmpty()) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        CompletionStage<Body> out = from == Side.CALLER
                ? session.towardsCallee(body.get())
                : session.towardsCaller(body.get());
        return out.thenApply(Optional::of);
    }

    private void fail(Throwable error) {
        if (!failed) {
            failed = true;
            onFailure.accept(error);
        }
    }

    void close() {
        closed = true;
        session.close();
    }
}
