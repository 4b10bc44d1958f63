package io.sipcall.config;

import io.sipcall.config.UserConfig.SipCredential;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * The rules of {@code users.ID} entries. Users are checked in id order, so of two users with the
 * same SIP user name the error names the one whose id sorts later.
 */
final class UserValidator {

    private static final String HA1_MD5 = "[0-9a-f]{32}";
    private static final String HA1_SHA256 = "[0-9a-f]{64}";

    private UserValidator() {
    }

    static void validate(Map<String, UserConfig> users) {
        Map<String, String> sipUsernames = new HashMap<>();
        for (String id : new TreeSet<>(users.keySet())) {
            String key = Keys.child(Keys.USERS, id);
            if (id.isBlank()) {
                throw new ConfigException(key, "a user id must not be blank");
            }
            UserConfig user = users.get(id);
            Formats.country(key + ".default-country", user.defaultCountry());
            user.callerId().ifPresent(callerId -> Formats.e164(key + ".caller-id", callerId));
            Formats.e164Each(key + ".allowed-prefixes", user.allowedPrefixes());
            if (user.sip().isPresent()) {
                credential(key + ".sip", user.sip().get());
                String earlier = sipUsernames.putIfAbsent(user.sip().get().username(), id);
                if (earlier != null) {
                    throw new ConfigException(key + ".sip.username", "'" + user.sip().get().username()
                            + "' is already the SIP user name of users." + earlier + "; each must be unique");
                }
            }
        }
    }

    /** HA1 values are password equivalents: their values are never put in a message. */
    private static void credential(String key, SipCredential sip) {
        String username = sip.username();
        if (username.isBlank() || username.chars().anyMatch(c -> Character.isWhitespace(c) || c == '"')) {
            throw new ConfigException(key + ".username", "must not be blank, and must not contain spaces or '\"'");
        }
        if (!sip.ha1Md5().matches(HA1_MD5)) {
            throw new ConfigException(key + ".ha1-md5", "must be 32 lower-case hex digits (hex MD5 of "
                    + "username:realm:password)");
        }
        if (!sip.ha1Sha256().matches(HA1_SHA256)) {
            throw new ConfigException(key + ".ha1-sha256", "must be 64 lower-case hex digits (hex SHA-256 of "
                    + "username:realm:password)");
        }
    }
}
