/**
 * {@link io.sipcall.sip.port.Directory} over the configuration file, the embedded default until the
 * persistence change provides a database-backed directory.
 *
 * <p>Threading: immutable; shared by every call.
 */
package io.sipcall.sip.directory;
