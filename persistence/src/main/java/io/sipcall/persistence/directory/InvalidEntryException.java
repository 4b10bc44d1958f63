package io.sipcall.persistence.directory;

/** A user, trunk or rate breaks a rule (a malformed number, an unknown trunk, a second currency). */
public final class InvalidEntryException extends DirectoryException {

    private final String field;

    /**
     * @param field   the field at fault, named as in the configuration file ({@code caller-id},
     *                {@code auth.password}, {@code trunk})
     * @param message what is wrong, naming the entry
     */
    public InvalidEntryException(String field, String message) {
        super(message);
        this.field = field;
    }

    /** The field at fault, named as in the configuration file ({@code caller-id}, {@code trunk}). */
    public String field() {
        return field;
    }
}
