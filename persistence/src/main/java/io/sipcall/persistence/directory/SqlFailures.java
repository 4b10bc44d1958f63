package io.sipcall.persistence.directory;

import java.sql.SQLException;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.statement.StatementExceptions;

/**
 * Turns JDBI failures into directory exceptions. JDBI's messages carry the bound arguments (HA1
 * values, ciphertexts); the messages made here carry only the SQL state, and handles opened by the
 * directory render none (see {@link #quiet}).
 */
final class SqlFailures {

    /** SQL state classes and codes (PostgreSQL appendix A). */
    private static final String INTEGRITY_CLASS = "23";
    private static final String UNIQUE_VIOLATION = "23505";
    private static final String FOREIGN_KEY_VIOLATION = "23503";

    private SqlFailures() {
    }

    /** Makes {@code handle}'s statement failures name neither their text nor their arguments. */
    static Handle quiet(Handle handle) {
        handle.getConfig(StatementExceptions.class).setMessageRendering(StatementExceptions.MessageRendering.NONE);
        return handle;
    }

    /** The directory exception for a failure while doing {@code what} ("create user 'alice'"). */
    static DirectoryException translate(String what, JdbiException e) {
        String state = sqlState(e).orElse("");
        if (UNIQUE_VIOLATION.equals(state) || FOREIGN_KEY_VIOLATION.equals(state)) {
            return new ConflictingEntryException(ConflictingEntryException.Reason.CONCURRENT_CHANGE,
                    "cannot " + what + ": a concurrent change got there first; read it again and retry", e);
        }
        return new DirectoryUnavailableException("cannot " + what + ": the database failed ("
                + (state.isEmpty() ? e.getClass().getSimpleName() : "SQL state " + state) + ")", e);
    }

    /** Whether {@code e} is an integrity violation, which retrying the same statement cannot mend. */
    static boolean isPermanent(Throwable e) {
        return sqlState(e).map(state -> state.startsWith(INTEGRITY_CLASS)).orElse(false);
    }

    /** The SQL state of the first {@link SQLException} among {@code e}'s causes. */
    static Optional<String> sqlState(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null) {
                return Optional.of(sql.getSQLState());
            }
        }
        return Optional.empty();
    }
}
