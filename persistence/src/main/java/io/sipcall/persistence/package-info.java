/**
 * Storage adapters (PostgreSQL through JDBI3 and HikariCP) implementing the sip-core storage ports. Filled by the persistence change; empty until then.
 */
package io.sipcall.persistence;
