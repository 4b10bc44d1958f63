/**
 * Trunk-side runtime state shared by all calls: channel counts and call-rate limits
 * ({@link io.sipcall.sip.trunk.TrunkLimiter}).
 *
 * <p>Threading: thread-safe; called from many calls' executors at once, never blocks.
 */
package io.sipcall.sip.trunk;
