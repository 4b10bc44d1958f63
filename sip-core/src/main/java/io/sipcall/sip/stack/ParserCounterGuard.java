package io.sipcall.sip.stack;

import java.lang.reflect.Field;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Neutralises a defect of the JAIN-SIP RI (RestComm/jain-sip issue 187):
 * {@code gov.nist.core.ParserCore.nesting_level} is a plain static int that some SIP header parsers
 * and the SDP parser move up and down on every parse, with no synchronisation and not always in
 * balance. Under concurrent parsing it drifts without bound (measured: +424 after 80,000 INVITEs
 * parsed on four threads). {@code dbg_enter} builds a string of {@code nesting_level} characters on
 * every call, debug or not, so a long-running server slowly makes every parse slower and eventually
 * allocates gigabytes.
 *
 * <p>The fix: pin the counter far below zero, where that loop never runs, and re-pin it
 * periodically so the random walk can never come back up to zero (it would need about 2^28 net
 * increments between two re-pins). The RI only ever reads the counter in that loop.
 */
public final class ParserCounterGuard {

    /** Where the counter is held: half-way to the bottom of the int range. */
    public static final int PINNED = Integer.MIN_VALUE / 2;

    private static final Logger LOG = LoggerFactory.getLogger(ParserCounterGuard.class);
    private static final Field COUNTER = counterField();

    private ParserCounterGuard() {
    }

    /** Pins the counter; safe to call at any time from any thread. */
    public static void pin() {
        if (COUNTER == null) {
            return;
        }
        try {
            COUNTER.setInt(null, PINNED);
        } catch (IllegalAccessException e) {
            LOG.warn("cannot pin the RI parser counter: {}", e.toString());
        }
    }

    /** The counter's current value (for tests and diagnostics). */
    public static int value() {
        try {
            return COUNTER == null ? 0 : COUNTER.getInt(null);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot read the RI parser counter", e);
        }
    }

    private static Field counterField() {
        try {
            Field field = Class.forName("gov.nist.core.ParserCore").getDeclaredField("nesting_level");
            field.setAccessible(true);
            return field;
        } catch (ReflectiveOperationException | RuntimeException e) {
            LoggerFactory.getLogger(ParserCounterGuard.class)
                    .warn("RI parser counter not found; the RI differs from 1.3.0-91: {}", e.toString());
            return null;
        }
    }
}
