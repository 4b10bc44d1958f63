package io.sipcall.persistence;

/** The root of persistence failures: the database could not be started, reached or migrated. */
public class PersistenceException extends RuntimeException {

    public PersistenceException(String message) {
        super(message);
    }

    public PersistenceException(String message, Throwable cause) {
        super(message, cause);
    }
}
