/**
 * The composition root: {@link io.sipcall.app.Main} parses the command line and loads the
 * configuration; {@link io.sipcall.app.SipCallServer} builds the adapters and wires them into the
 * B2BUA. Nothing else in the product constructs an adapter.
 *
 * <p>Threading: start and close are called from one thread (main, or the shutdown hook).
 */
package io.sipcall.app;
