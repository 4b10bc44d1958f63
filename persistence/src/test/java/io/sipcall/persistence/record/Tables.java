package io.sipcall.persistence.record;

import io.sipcall.persistence.Database;

/** Raw reads of the record tables, bypassing {@link CallRecordStore}. */
final class Tables {

    private Tables() {
    }

    static long eventRows(Database db) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM call_events").mapTo(Long.class).one());
    }

    /** Every row of {@code calls} as PostgreSQL prints it (bytea as hex), one string. */
    static String callsAsText(Database db) {
        return db.jdbi().withHandle(h -> String.join("\n", h.createQuery("SELECT c::text FROM calls c")
                .mapTo(String.class).list())) + db.jdbi().withHandle(h -> String.join("\n",
                h.createQuery("SELECT e::text FROM call_events e").mapTo(String.class).list()));
    }

    /** Sessions of this database blocked on a lock (the writer, behind a test's table lock). */
    static long sessionsWaitingForALock(Database db) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM pg_stat_activity "
                + "WHERE datname = current_database() AND wait_event_type = 'Lock'").mapTo(Long.class).one());
    }
}
