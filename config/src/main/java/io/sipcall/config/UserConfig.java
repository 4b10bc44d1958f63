package io.sipcall.config;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A user who may place calls (a Nextcloud user). Key {@code users.ID}, where ID is the Nextcloud user id.
 *
 * @param displayName        key {@code users.ID.display-name}
 * @param role               {@code user} or {@code admin}; key {@code users.ID.role}
 * @param defaultCountry     ISO 3166 alpha-2 country used to read national numbers; key
 *                           {@code users.ID.default-country} (default: {@code routing.default-country})
 * @param callerId           E.164 number presented to callees; key {@code users.ID.caller-id}
 * @param sip                the user's SIP credential for the gateway side; key {@code users.ID.sip}
 * @param maxConcurrentCalls most calls at once; key {@code users.ID.max-concurrent-calls} (default 2)
 * @param dailySpendCap      most the user may spend per UTC day, in the rates' currency; key
 *                           {@code users.ID.daily-spend-cap}; absent = no cap
 * @param allowedPrefixes    E.164 prefixes this user may call even where toll-fraud rules deny
 *                           them; key {@code users.ID.allowed-prefixes}
 */
public record UserConfig(
        String displayName,
        Role role,
        String defaultCountry,
        Optional<String> callerId,
        Optional<SipCredential> sip,
        int maxConcurrentCalls,
        Optional<BigDecimal> dailySpendCap,
        List<String> allowedPrefixes) {

    public UserConfig {
        displayName = displayName == null ? "" : displayName;
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(defaultCountry, "default-country");
        callerId = callerId == null ? Optional.empty() : callerId;
        sip = sip == null ? Optional.empty() : sip;
        dailySpendCap = dailySpendCap == null ? Optional.empty() : dailySpendCap;
        allowedPrefixes = allowedPrefixes == null ? List.of() : List.copyOf(allowedPrefixes);
    }

    /** Roles. */
    public enum Role { USER, ADMIN }

    /**
     * A SIP digest credential, kept as HA1 only (RFC 7616 3.4.2): the password itself is never stored.
     * In config either {@code password} (hashed at load, then forgotten) or {@code ha1-md5} and
     * {@code ha1-sha256} are given.
     *
     * @param username  SIP user name; key {@code users.ID.sip.username}
     * @param ha1Md5    hex MD5(username:realm:password); key {@code users.ID.sip.ha1-md5}
     * @param ha1Sha256 hex SHA-256(username:realm:password); key {@code users.ID.sip.ha1-sha256}
     */
    public record SipCredential(String username, String ha1Md5, String ha1Sha256) {
        public SipCredential {
            Objects.requireNonNull(username, "username");
            Objects.requireNonNull(ha1Md5, "ha1-md5");
            Objects.requireNonNull(ha1Sha256, "ha1-sha256");
        }

        @Override
        public String toString() {
            return "SipCredential[" + username + ", ha1 ****]";
        }
    }
}
