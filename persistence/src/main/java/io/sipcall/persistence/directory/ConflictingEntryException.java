package io.sipcall.persistence.directory;

/** The change conflicts with what the database holds; {@link #reason()} says how. */
public final class ConflictingEntryException extends DirectoryException {

    /** How a change conflicts. */
    public enum Reason {
        /** The user, trunk or rate to create exists already. */
        EXISTS,
        /** The SIP user name belongs to another user. */
        TAKEN,
        /** A concurrent change got there first; read again and retry. */
        CONCURRENT_CHANGE
    }

    private final Reason reason;

    public ConflictingEntryException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public ConflictingEntryException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
