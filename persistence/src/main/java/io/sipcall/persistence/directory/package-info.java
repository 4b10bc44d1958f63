/**
 * Users, SIP credentials, trunks, rates and registrar bindings in PostgreSQL, behind sip-core's
 * {@link io.sipcall.sip.port.Directory} and {@link io.sipcall.sip.port.Registrations} ports.
 * <ul>
 *   <li>{@link io.sipcall.persistence.directory.DirectoryStore}: validated, audited CRUD, the admin
 *       API's backend; trunk secrets and caller IDs encrypted at rest.</li>
 *   <li>{@link io.sipcall.persistence.directory.ConfigSeeder}: the configuration file's entries the
 *       database lacks, inserted at start; the database copy wins.</li>
 *   <li>{@link io.sipcall.persistence.directory.DatabaseDirectory}: the directory served from an
 *       in-memory snapshot, reloaded on a schedule; calls go on while the database is down.</li>
 *   <li>{@link io.sipcall.persistence.directory.DatabaseRegistrations}: bindings in memory, written
 *       behind by one thread, loaded again at start.</li>
 * </ul>
 *
 * <p>Threading: the port methods ({@code Directory} lookups, {@code Registrations} calls) never touch
 * the database and are safe on SIP threads. {@code DirectoryStore}, {@code ConfigSeeder} and
 * {@code DatabaseDirectory.refresh()} wait for the database: call them from the admin API or at start,
 * never on a SIP thread. {@code DatabaseDirectory} and {@code DatabaseRegistrations} each run one
 * daemon thread of their own, stopped by {@code close()}.
 */
package io.sipcall.persistence.directory;
