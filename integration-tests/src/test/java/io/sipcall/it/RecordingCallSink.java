package io.sipcall.it;

import io.sipcall.sip.port.CallEventSink;
import io.sipcall.sip.port.CallId;
import io.sipcall.sip.port.EndReason;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A thread-safe CallEventSink that records each call's events, as lines, for assertions. */
public final class RecordingCallSink implements CallEventSink {

    private final Map<CallId, List<String>> calls = new LinkedHashMap<>();

    private synchronized void add(CallId id, String event) {
        calls.computeIfAbsent(id, k -> new ArrayList<>()).add(event);
        notifyAll();
    }

    @Override
    public void onStarted(CallId callId, CallStart start) {
        add(callId, "started " + start.transport() + start.userId().map(user -> " user=" + user).orElse(""));
    }

    @Override
    public void onRouted(CallId callId, io.sipcall.sip.port.RouteDecision.Target target) {
        add(callId, "routed " + target.trunk());
    }

    @Override
    public void onRinging(CallId callId, int status, boolean earlyMedia) {
        add(callId, "ringing " + status + (earlyMedia ? " early-media" : ""));
    }

    @Override
    public void onAnswered(CallId callId) {
        add(callId, "answered");
    }

    @Override
    public void onFailed(CallId callId, int status, String reason) {
        add(callId, "failed " + status);
    }

    @Override
    public void onEnded(CallId callId, EndReason reason) {
        add(callId, "ended " + reason);
    }

    /** How many calls have produced any event. */
    public synchronized int callCount() {
        return calls.size();
    }

    public synchronized void clear() {
        calls.clear();
    }

    /** Waits until {@code count} calls have ended and returns every call's events, in arrival order. */
    public synchronized List<List<String>> awaitEnded(int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (ended() < count) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("expected " + count + " ended calls within " + timeout + ", saw " + calls);
            }
            wait(Math.max(1, left / 1_000_000));
        }
        List<List<String>> snapshot = new ArrayList<>();
        calls.values().forEach(events -> snapshot.add(List.copyOf(events)));
        return Collections.unmodifiableList(snapshot);
    }

    /** Waits until {@code count} calls have been answered. */
    public synchronized void awaitAnswered(int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (calls.values().stream().filter(events -> events.contains("answered")).count() < count) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("expected " + count + " answered calls within " + timeout + ", saw " + calls);
            }
            wait(Math.max(1, left / 1_000_000));
        }
    }

    /** Waits for exactly one call to end and returns its events. */
    public List<String> awaitOnlyCall(Duration timeout) throws InterruptedException {
        List<List<String>> all = awaitEnded(1, timeout);
        if (all.size() != 1) {
            throw new AssertionError("expected one call, saw " + all);
        }
        return all.get(0);
    }

    private long ended() {
        return calls.values().stream().filter(e -> e.stream().anyMatch(s -> s.startsWith("ended"))).count();
    }
}
