package io.sipcall.sip;

/**
 * Counts of what the B2BUA holds right now. After traffic stops and the stack's linger timers have
 * run (RFC 3261 Timer J/K: up to 32 s on UDP), all of them return to zero.
 *
 * @param activeCalls         calls not yet ended
 * @param dialogs             dialogs the stack holds (early and confirmed)
 * @param serverTransactions  server transactions in the stack's table
 * @param clientTransactions  client transactions in the stack's table
 */
public record B2buaStats(int activeCalls, int dialogs, int serverTransactions, int clientTransactions) {

    /** Whether nothing at all is held. */
    public boolean idle() {
        return activeCalls == 0 && dialogs == 0 && serverTransactions == 0 && clientTransactions == 0;
    }
}
