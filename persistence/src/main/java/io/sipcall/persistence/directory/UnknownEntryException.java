package io.sipcall.persistence.directory;

/** The user, trunk or rate to change or delete does not exist. */
public final class UnknownEntryException extends DirectoryException {

    public UnknownEntryException(String message) {
        super(message);
    }
}
