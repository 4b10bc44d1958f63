package io.sipcall.media.esl;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A client's {@link EslState} and its listeners. {@link #transition} is the one place the state
 * changes: it logs every {@code from -> to} with its cause and tells the listeners on the dispatch
 * thread. Not thread-safe: the {@link ConnectionSupervisor} calls it under its lock.
 */
final class StateMachine {

    private static final Logger LOG = LoggerFactory.getLogger(StateMachine.class);

    private final ClientContext context;
    private final List<EslStateListener> listeners = new CopyOnWriteArrayList<>();
    private EslState state = EslState.NEW;

    StateMachine(ClientContext context) {
        this.context = context;
    }

    EslState current() {
        return state;
    }

    void addListener(EslStateListener listener) {
        listeners.add(listener);
    }

    void removeListener(EslStateListener listener) {
        listeners.remove(listener);
    }

    /** @param cause why the client is DISCONNECTED or FAILED; {@code null} for the other states */
    void transition(EslState next, Throwable cause) {
        EslState previous = state;
        state = next;
        String reason = cause == null ? "" : " (" + cause.getMessage() + ")";
        if (next == EslState.FAILED) {
            LOG.error("ESL {}: {} -> {}{}; not retrying", context.peer(), previous, next, reason);
        } else if (next == EslState.DISCONNECTED) {
            LOG.warn("ESL {}: {} -> {}{}", context.peer(), previous, next, reason);
        } else {
            LOG.info("ESL {}: {} -> {}", context.peer(), previous, next);
        }
        for (EslStateListener listener : listeners) {
            context.dispatcher().execute(() -> listener.onStateChange(previous, next, cause));
        }
    }
}
