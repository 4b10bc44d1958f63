package io.sipcall.sip.tls;

import java.nio.file.Path;

/** Reads back a PEM private key's encoding, to prove it never shows up in a log line. */
final class TestPkiKeys {

    private TestPkiKeys() {
    }

    static byte[] privateKeyBytes(Path pemFile) {
        return PemFiles.readPrivateKey(PemSource.file(pemFile)).getEncoded();
    }
}
