/**
 * The embedded PostgreSQL: the official PostgreSQL 16 binaries (zonky's Maven Central build) unpacked
 * under the data directory and supervised with {@code initdb} and {@code pg_ctl}. Used when no
 * {@code database.url} is configured, so the product runs on a fresh machine with only a JDK.
 */
package io.sipcall.persistence.embedded;
