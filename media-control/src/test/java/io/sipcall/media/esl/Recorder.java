package io.sipcall.media.esl;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records what a client reports: its events and its state changes (as "FROM->TO"), with their causes. */
final class Recorder implements EslEventListener, EslStateListener {

    private final List<EslEvent> events = new CopyOnWriteArrayList<>();
    private final List<String> transitions = new CopyOnWriteArrayList<>();
    private final List<Throwable> causes = new CopyOnWriteArrayList<>();

    static Recorder on(EslClient client) {
        Recorder recorder = new Recorder();
        client.addEventListener(recorder);
        client.addStateListener(recorder);
        return recorder;
    }

    @Override
    public void onEvent(EslEvent event) {
        events.add(event);
    }

    @Override
    public void onStateChange(EslState previous, EslState current, Throwable cause) {
        transitions.add(previous + "->" + current);
        if (cause != null) {
            causes.add(cause);
        }
    }

    List<EslEvent> events(String name) {
        return events.stream().filter(event -> event.name().equals(name)).toList();
    }

    List<String> transitions() {
        return List.copyOf(transitions);
    }

    List<Throwable> causes() {
        return List.copyOf(causes);
    }
}
