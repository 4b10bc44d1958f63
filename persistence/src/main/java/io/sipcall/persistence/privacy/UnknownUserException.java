package io.sipcall.persistence.privacy;

import io.sipcall.persistence.PersistenceException;

/**
 * Nothing is stored under a user id: no profile, no call record, no audit entry by or about it. Also
 * what an export of an erased user ends in, since erasure leaves nothing under the id.
 */
public class UnknownUserException extends PersistenceException {

    private final String userId;

    public UnknownUserException(String userId) {
        super("nothing is stored about user '" + userId + "' (never known, or erased)");
        this.userId = userId;
    }

    /** The id that was asked for. */
    public String userId() {
        return userId;
    }
}
