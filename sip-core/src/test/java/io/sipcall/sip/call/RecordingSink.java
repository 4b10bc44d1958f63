package io.sipcall.sip.call;

import io.sipcall.sip.port.CallEventSink;
import io.sipcall.sip.port.CallId;
import io.sipcall.sip.port.EndReason;
import java.util.ArrayList;
import java.util.List;

/** A CallEventSink that remembers what it was told, as readable lines. */
final class RecordingSink implements CallEventSink {

    final List<String> events = new ArrayList<>();
    /** The onEnding events, apart: they precede "ended" and most tests need not list them. */
    final List<String> endings = new ArrayList<>();

    @Override
    public void onStarted(CallId callId, CallStart start) {
        events.add("started");
    }

    @Override
    public void onRouted(CallId callId, io.sipcall.sip.port.RouteDecision.Target target) {
        events.add("routed " + target.trunk());
    }

    @Override
    public void onRinging(CallId callId, int status, boolean earlyMedia) {
        events.add("ringing " + status + (earlyMedia ? " early-media" : ""));
    }

    @Override
    public void onAnswered(CallId callId) {
        events.add("answered");
    }

    @Override
    public void onFailed(CallId callId, int status, String reason) {
        events.add("failed " + status);
    }

    @Override
    public void onEnding(CallId callId, EndReason reason) {
        endings.add("ending " + reason + " after " + events.size() + " events");
    }

    @Override
    public void onEnded(CallId callId, EndReason reason) {
        events.add("ended " + reason);
    }
}
