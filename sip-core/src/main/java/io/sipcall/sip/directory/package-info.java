/**
 * {@link io.sipcall.sip.directory.ConfigDirectory}: an immutable {@link io.sipcall.sip.port.Directory}
 * over the configuration file (the embedded default), also the snapshot type the database-backed
 * directory swaps in on each change.
 *
 * <p>Threading: immutable; shared by every call.
 */
package io.sipcall.sip.directory;
