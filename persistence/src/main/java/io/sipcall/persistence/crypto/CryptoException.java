package io.sipcall.persistence.crypto;

import io.sipcall.persistence.PersistenceException;

/** A value could not be encrypted or decrypted. The message never contains the value. */
public class CryptoException extends PersistenceException {

    public CryptoException(String message) {
        super(message);
    }

    public CryptoException(String message, Throwable cause) {
        super(message, cause);
    }
}
