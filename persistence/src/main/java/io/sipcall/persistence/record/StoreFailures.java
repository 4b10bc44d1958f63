package io.sipcall.persistence.record;

import io.sipcall.persistence.PersistenceException;
import java.sql.SQLException;

/** Tells a record the database refuses from a database that cannot take records now. */
final class StoreFailures {

    private StoreFailures() {
    }

    /**
     * A {@link RecordRejectedException} when the failure is the data's (SQLSTATE class 22, data
     * exception, or 23, integrity constraint violation), else a {@link DatabaseUnavailableException}:
     * unreachable, shutting down and anything unexpected are all worth retrying, and retrying keeps
     * the records safe in the spool, where dropping them would not.
     */
    static PersistenceException classify(RuntimeException failure, int records) {
        String state = sqlState(failure);
        if (state != null && (state.startsWith("22") || state.startsWith("23"))) {
            return new RecordRejectedException("the database refused " + records + " call record(s): SQLSTATE "
                    + state, failure);
        }
        return new DatabaseUnavailableException("the database did not take " + records + " call record(s): "
                + (state == null ? "" : "SQLSTATE " + state + " ") + rootMessage(failure), failure);
    }

    private static String sqlState(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState();
            }
        }
        return null;
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
