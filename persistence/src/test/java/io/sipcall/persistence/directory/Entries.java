package io.sipcall.persistence.directory;

import io.sipcall.config.RateConfig;
import io.sipcall.config.Secret;
import io.sipcall.config.Transport;
import io.sipcall.config.TrunkConfig;
import io.sipcall.config.TrunkConfig.AuthMode;
import io.sipcall.config.TrunkConfig.NumberFormat;
import io.sipcall.config.TrunkConfig.RegistrationConfig;
import io.sipcall.config.TrunkConfig.TrunkAuth;
import io.sipcall.config.TrunkConfig.TrunkPreset;
import io.sipcall.config.UserConfig;
import io.sipcall.config.UserConfig.SipCredential;
import io.sipcall.persistence.crypto.KeyRing;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Users, trunks, rates and keys for the directory's tests. */
final class Entries {

    static final String TRUNK_PASSWORD = "s3cret-trunk-pa55word";
    static final String TRUNK_CALLER_ID = "+15550100";
    static final String ALICE_CALLER_ID = "+4930999888";
    static final Origin ADMIN = new Origin("admin", "192.0.2.10");

    private Entries() {
    }

    static KeyRing keys() {
        byte[] aes = new byte[32];
        byte[] lookup = new byte[32];
        java.util.Arrays.fill(aes, (byte) 7);
        java.util.Arrays.fill(lookup, (byte) 9);
        return KeyRing.of(Map.of("k1", aes), "k1", lookup);
    }

    static DirectoryStore store(io.sipcall.persistence.Database database) {
        return new DirectoryStore(database.jdbi(), keys());
    }

    /** A German user with a caller ID, a SIP credential, a cap and an allowed prefix. */
    static UserConfig alice() {
        return new UserConfig("Alice", UserConfig.Role.USER, "DE", Optional.of(ALICE_CALLER_ID),
                Optional.of(credential("alice-sip")), 2, Optional.of(new BigDecimal("20.5")), List.of("+49"));
    }

    /** A US admin without caller ID, credential or cap. */
    static UserConfig bob() {
        return new UserConfig("Bob", UserConfig.Role.ADMIN, "US", Optional.empty(), Optional.empty(), 1,
                Optional.empty(), List.of());
    }

    static SipCredential credential(String username) {
        return new SipCredential(username, "a".repeat(32), "b".repeat(64));
    }

    /** Telnyx over TLS with credentials, registration and a caller ID. */
    static TrunkConfig telnyx() {
        return new TrunkConfig(TrunkPreset.TELNYX, "sip.telnyx.com", 0, Transport.TLS, Optional.empty(),
                new TrunkAuth(AuthMode.CREDENTIALS, "telnyx-user", Optional.of(new Secret(TRUNK_PASSWORD))),
                new RegistrationConfig(true, Duration.ofMinutes(30)), NumberFormat.E164_PLUS, "",
                Optional.of(TRUNK_CALLER_ID), 0, 10, 20);
    }

    /** A plain trunk trusting our address. */
    static TrunkConfig plain(String host) {
        return TrunkConfig.simple(host, 5060, Transport.UDP);
    }

    static RateConfig rate(String prefix, String trunk, String price) {
        return new RateConfig(prefix, trunk, new BigDecimal(price), "USD");
    }
}
