package io.sipcall.sip.call;

/** Makes the callee leg for each attempt of a call (failover makes one per trunk tried). */
@FunctionalInterface
public interface CalleeLegFactory {

    /** A new callee leg, with its own SIP Call-ID, reporting to {@code events}. */
    CalleeLeg create(LegEvents events);
}
