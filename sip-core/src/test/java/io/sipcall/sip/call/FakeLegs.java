package io.sipcall.sip.call;

import io.sipcall.sip.port.Body;
import io.sipcall.sip.port.RouteDecision;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Hand-written fake legs: they record every command the call gives them, as readable lines. */
final class FakeLegs {

    private FakeLegs() {
    }

    /** Shared behaviour: recorded commands and captured response handlers. */
    abstract static class Recording implements Leg {
        final List<String> commands = new ArrayList<>();
        final List<ResponseHandler> handlers = new ArrayList<>();

        @Override
        public void send(String method, Optional<Body> body, int maxForwards, ResponseHandler handler) {
            commands.add("send " + method + " " + text(body) + " mf=" + maxForwards);
            handlers.add(handler);
        }

        @Override
        public void ackReinvite(Optional<Body> body) {
            commands.add("ackReinvite " + text(body));
        }

        @Override
        public void hangUp() {
            commands.add("hangUp");
        }

        /** Answers the last relayed request. */
        void respondToLast(int status, String reason, Optional<Body> body) {
            handlers.get(handlers.size() - 1).onResponse(status, reason, body);
        }
    }

    static final class Caller extends Recording implements CallerLeg {
        private final Optional<Body> offer;
        private final int maxForwards;

        Caller(Optional<Body> offer, int maxForwards) {
            this.offer = offer;
            this.maxForwards = maxForwards;
        }

        @Override
        public Optional<Body> offer() {
            return offer;
        }

        @Override
        public String dialled() {
            return "+15551230000";
        }

        @Override
        public String caller() {
            return "alice";
        }

        @Override
        public int maxForwards() {
            return maxForwards;
        }

        @Override
        public void provisional(int status, String reason, Optional<Body> body) {
            commands.add("provisional " + status + " " + text(body));
        }

        @Override
        public void answer(Optional<Body> body) {
            commands.add("answer " + text(body));
        }

        @Override
        public void reject(int status, String reason) {
            commands.add("reject " + status + " " + reason);
        }
    }

    static final class Callee extends Recording implements CalleeLeg {
        @Override
        public void invite(RouteDecision.Target target, String fromUser, Optional<Body> body, int maxForwards) {
            commands.add("invite " + target.trunk() + " " + target.number() + " from=" + fromUser + " "
                    + text(body) + " mf=" + maxForwards);
        }

        @Override
        public void cancel() {
            commands.add("cancel");
        }

        @Override
        public void abandon() {
            commands.add("abandon");
        }

        @Override
        public void ack(Optional<Body> body) {
            commands.add("ack " + text(body));
        }
    }

    static String text(Optional<Body> body) {
        return body.map(Body::text).orElse("-");
    }
}
