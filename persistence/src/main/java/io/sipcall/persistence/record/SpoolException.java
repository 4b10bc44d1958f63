package io.sipcall.persistence.record;

import io.sipcall.persistence.PersistenceException;

/** The call-record spool could not be opened, written or read (disk full, permissions, in use). */
public class SpoolException extends PersistenceException {

    public SpoolException(String message, Throwable cause) {
        super(message, cause);
    }

    public SpoolException(String message) {
        super(message);
    }
}
