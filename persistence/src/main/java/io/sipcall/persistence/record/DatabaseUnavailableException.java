package io.sipcall.persistence.record;

import io.sipcall.persistence.PersistenceException;

/**
 * The database could not take call records now (unreachable, shutting down, out of resources, or an
 * unexpected failure): the same records are worth trying again later.
 */
public class DatabaseUnavailableException extends PersistenceException {

    public DatabaseUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
