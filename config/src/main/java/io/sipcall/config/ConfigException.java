package io.sipcall.config;

/** A configuration could not be read or is invalid; the message names the key at fault. */
public class ConfigException extends RuntimeException {

    private static final long serialVersionUID = 1L;
    private final String key;

    public ConfigException(String key, String message) {
        super(key + ": " + message);
        this.key = key;
    }

    public ConfigException(String key, String message, Throwable cause) {
        super(key + ": " + message, cause);
        this.key = key;
    }

    /** The dotted configuration key (or environment variable) at fault. */
    public String key() {
        return key;
    }
}
