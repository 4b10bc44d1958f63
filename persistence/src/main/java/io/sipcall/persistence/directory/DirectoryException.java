package io.sipcall.persistence.directory;

import io.sipcall.persistence.PersistenceException;

/**
 * A directory operation failed. The subclasses say why, so the admin API can answer each with its
 * own status: {@link InvalidEntryException} (the input breaks a rule), {@link UnknownEntryException}
 * (no such user, trunk or rate), {@link ConflictingEntryException} (it exists already, or the SIP
 * user name is taken), {@link DirectoryUnavailableException} (the database failed). Messages never
 * hold secrets or full phone numbers.
 */
public abstract class DirectoryException extends PersistenceException {

    protected DirectoryException(String message) {
        super(message);
    }

    protected DirectoryException(String message, Throwable cause) {
        super(message, cause);
    }
}
