package io.sipcall.sip.tls;

/**
 * The SIP listener's TLS certificate or private key could not be loaded, generated or used. The
 * message names the configuration key or file at fault and says what is wrong with it.
 */
public class TlsMaterialException extends RuntimeException {

    private static final long serialVersionUID = 1L;
    private final String source;

    public TlsMaterialException(String source, String problem) {
        super(source + ": " + problem);
        this.source = source;
    }

    public TlsMaterialException(String source, String problem, Throwable cause) {
        super(source + ": " + problem, cause);
        this.source = source;
    }

    /** The configuration key (with its file) or the file at fault, e.g. {@code sip.tls.certificate (/etc/sip.pem)}. */
    public String source() {
        return source;
    }
}
