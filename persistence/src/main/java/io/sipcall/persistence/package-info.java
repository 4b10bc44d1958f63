/**
 * Storage: PostgreSQL through JDBI3 and HikariCP, with Flyway migrations, and the adapters of the
 * sip-core storage ports. {@link io.sipcall.persistence.Database} opens the configured server or an
 * embedded one under the data directory. Nothing here is called on a SIP thread in a way that waits
 * for the database: call records go through an asynchronous writer, the directory is a cached
 * snapshot.
 */
package io.sipcall.persistence;
