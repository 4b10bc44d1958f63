package io.sipcall.persistence.directory;

/** The database could not be reached or failed the statement; the change, if any, was not made. */
public final class DirectoryUnavailableException extends DirectoryException {

    public DirectoryUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
