package io.sipcall.sip.call;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Timers the test fires by hand: deterministic, no waiting. */
final class ManualTimers implements CallTimers {

    private record Scheduled(Duration delay, Runnable task, boolean[] cancelled) {
    }

    private final List<Scheduled> scheduled = new ArrayList<>();

    @Override
    public Cancellable schedule(Duration delay, Runnable task) {
        boolean[] cancelled = {false};
        scheduled.add(new Scheduled(delay, task, cancelled));
        return () -> cancelled[0] = true;
    }

    /** Fires every still-pending timer scheduled with {@code delay}; returns how many fired. */
    int fire(Duration delay) {
        int fired = 0;
        for (Scheduled s : List.copyOf(scheduled)) {
            if (s.delay().equals(delay) && !s.cancelled()[0]) {
                s.cancelled()[0] = true;
                s.task().run();
                fired++;
            }
        }
        return fired;
    }
}
