package io.sipcall.sip.auth;

/**
 * {@code HA1 = H(username ":" realm ":" password)} (RFC 7616 3.4.2), lower-case hex: what a server
 * stores instead of the password (ARCHITECTURE.md: digest credentials are stored as HA1 only). One
 * HA1 per algorithm is needed, since SHA-256 and MD5 hash the same string differently.
 */
public final class Ha1 {

    private Ha1() {
    }

    public static String md5(String username, String realm, String password) {
        return of(DigestAlgorithm.MD5, username, realm, password);
    }

    public static String sha256(String username, String realm, String password) {
        return of(DigestAlgorithm.SHA_256, username, realm, password);
    }

    public static String of(DigestAlgorithm algorithm, String username, String realm, String password) {
        return algorithm.hash(username + ":" + realm + ":" + password);
    }
}
