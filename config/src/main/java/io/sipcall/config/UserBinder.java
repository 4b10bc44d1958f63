package io.sipcall.config;

import io.sipcall.config.UserConfig.Role;
import io.sipcall.config.UserConfig.SipCredential;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Binds {@code users.ID} entries. A SIP password is hashed here into its HA1 digests for the
 * gateway's realm and then dropped: no record holds it.
 */
final class UserBinder {

    static final int DEFAULT_MAX_CONCURRENT_CALLS = 2;

    private UserBinder() {
    }

    /**
     * @param realm          the digest realm the HA1 digests are bound to ({@code gateway.realm})
     * @param defaultCountry the country of users that name none ({@code routing.default-country})
     */
    static Map<String, UserConfig> bind(Section users, String realm, String defaultCountry) {
        Map<String, UserConfig> result = new LinkedHashMap<>();
        for (String id : users.names()) {
            result.put(id, user(users.section(id).only(Keys.USER_FIELDS), realm, defaultCountry));
        }
        return result;
    }

    private static UserConfig user(Section user, String realm, String defaultCountry) {
        return new UserConfig(
                user.string("display-name"),
                user.has("role") ? user.enumValue("role", Role.class) : Role.USER,
                user.has("default-country") ? Formats.normaliseCountry(user.string("default-country")) : defaultCountry,
                user.optionalString("caller-id"),
                credential(user.section("sip").only(Keys.USER_SIP_FIELDS), realm),
                user.has("max-concurrent-calls") ? user.integerAtLeast("max-concurrent-calls", 1)
                        : DEFAULT_MAX_CONCURRENT_CALLS,
                user.has("daily-spend-cap") ? Optional.of(user.decimal("daily-spend-cap", BigDecimal.ZERO, false))
                        : Optional.empty(),
                user.strings("allowed-prefixes"));
    }

    /**
     * The credential: absent when the section is absent or empty ({@code sip:} alone); otherwise a
     * user name and either a password (hashed here) or both HA1 digests, never both ways.
     */
    private static Optional<SipCredential> credential(Section sip, String realm) {
        if (sip.names().isEmpty()) {
            return Optional.empty();
        }
        String username = sip.requiredString("username");
        boolean md5 = sip.has("ha1-md5");
        boolean sha256 = sip.has("ha1-sha256");
        String passwordKey = Keys.child(sip.key(), "password");
        if (sip.has("password")) {
            if (md5 || sha256) {
                throw new ConfigException(passwordKey, "is given together with "
                        + (md5 ? "ha1-md5" : "ha1-sha256") + "; give either password, or ha1-md5 and ha1-sha256");
            }
            String password = sip.string("password");
            if (password.isEmpty()) {
                throw new ConfigException(passwordKey, "must not be empty");
            }
            return Optional.of(new SipCredential(username, Ha1.md5(username, realm, password),
                    Ha1.sha256(username, realm, password)));
        }
        if (!md5 && !sha256) {
            throw new ConfigException(passwordKey, "is required: give password, or ha1-md5 and ha1-sha256 "
                    + "computed for realm '" + realm + "'");
        }
        if (md5 != sha256) {
            String missing = md5 ? "ha1-sha256" : "ha1-md5";
            throw new ConfigException(Keys.child(sip.key(), missing), "is required together with "
                    + (md5 ? "ha1-md5" : "ha1-sha256") + "; give both HA1 digests, or password instead");
        }
        return Optional.of(new SipCredential(username, sip.string("ha1-md5").strip(), sip.string("ha1-sha256").strip()));
    }
}
