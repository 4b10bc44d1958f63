/**
 * End-to-end tests of the promise that no call record is lost: not while the database is down
 * ({@link io.sipcall.it.records.DatabaseOutageTest}, an in-process B2BUA) and not when SIPCall is
 * killed with SIGKILL ({@link io.sipcall.it.records.CrashReplayTest}, the runnable jar as a process).
 * Real peers only: SIPp on both sides, a PostgreSQL each test owns, stops and starts again
 * ({@link io.sipcall.it.records.StoppableDatabase}), and the tables read from outside
 * ({@link io.sipcall.it.records.StoredRecords}).
 *
 * <p>Threading: each test drives its fixtures from its own thread; nothing here is shared between tests.
 */
package io.sipcall.it.records;
