package io.sipcall.persistence.record;

import io.sipcall.persistence.PersistenceException;

/**
 * The database refused a call record itself (a value out of range, a constraint it breaks): trying
 * it again will not help. SQLSTATE classes 22 and 23.
 */
public class RecordRejectedException extends PersistenceException {

    public RecordRejectedException(String message, Throwable cause) {
        super(message, cause);
    }
}
