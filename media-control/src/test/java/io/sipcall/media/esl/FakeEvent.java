package io.sipcall.media.esl;

import java.util.LinkedHashMap;
import java.util.Map;

/** An event as the fake FreeSWITCH fires it: ordered headers, the core's standard ones included, and a body. */
final class FakeEvent {

    private final Map<String, String> headers = new LinkedHashMap<>();
    private String body = "";

    private FakeEvent() {
    }

    /** An event with the headers switch_event_prep_for_delivery adds, Event-Name first. */
    static FakeEvent named(String name, long sequence) {
        return new FakeEvent().core(name, sequence);
    }

    static FakeEvent heartbeat(long sequence) {
        return named("HEARTBEAT", sequence).header("Event-Info", "System Ready")
                .header("Up-Time", "0 years, 0 days, 12 hours, 5 minutes, 22 seconds, 351 milliseconds, 143 microseconds")
                .header("Session-Count", "0").header("Idle-CPU", "99.000000");
    }

    /** api_exec adds Job-UUID, Job-Command and Job-Command-Arg before the event is fired, so they come first. */
    static FakeEvent backgroundJob(String jobUuid, String command, String argument, String result) {
        FakeEvent event = new FakeEvent().header("Job-UUID", jobUuid).header("Job-Command", command);
        if (!argument.isEmpty()) {
            event.header("Job-Command-Arg", argument);
        }
        return event.core("BACKGROUND_JOB", 0).body(result);
    }

    FakeEvent header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    FakeEvent body(String text) {
        this.body = text;
        return this;
    }

    Map<String, String> headers() {
        return headers;
    }

    String body() {
        return body;
    }

    String name() {
        return headers.get("Event-Name");
    }

    private FakeEvent core(String name, long sequence) {
        return header("Event-Name", name)
                .header("Core-UUID", "cd5c37ac-b0d0-11e2-94ac-753c593c3097")
                .header("FreeSWITCH-Hostname", "media-1")
                .header("FreeSWITCH-Switchname", "media-1")
                .header("FreeSWITCH-IPv4", "10.0.0.5")
                .header("FreeSWITCH-IPv6", "::1")
                .header("Event-Date-Local", "2026-01-01 12:00:00")
                .header("Event-Date-GMT", "Thu, 01 Jan 2026 11:00:00 GMT")
                .header("Event-Date-Timestamp", "1767265200000000")
                .header("Event-Calling-File", "switch_core.c")
                .header("Event-Calling-Function", "send_heartbeat")
                .header("Event-Calling-Line-Number", "68")
                .header("Event-Sequence", Long.toString(sequence));
    }
}
