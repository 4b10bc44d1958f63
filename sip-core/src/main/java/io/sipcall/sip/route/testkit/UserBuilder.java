package io.sipcall.sip.route.testkit;

import io.sipcall.config.UserConfig;
import io.sipcall.sip.port.Directory;
import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A user placing a test call. Immutable: every method returns a new builder. Defaults: role
 * {@code user}, no country of their own (the policy's default country applies), no caller ID, at most
 * 2 calls at once, no spend cap, no allowed prefixes.
 */
public record UserBuilder(String id, UserConfig.Role role, String country, Optional<String> callerId,
        int maxConcurrentCalls, Optional<BigDecimal> dailySpendCap, List<String> allowedPrefixes) {

    public UserBuilder {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(country, "country");
        callerId = callerId == null ? Optional.empty() : callerId;
        dailySpendCap = dailySpendCap == null ? Optional.empty() : dailySpendCap;
        allowedPrefixes = allowedPrefixes == null ? List.of() : List.copyOf(allowedPrefixes);
    }

    static UserBuilder named(String id) {
        return new UserBuilder(id, UserConfig.Role.USER, "", Optional.empty(), 2, Optional.empty(), List.of());
    }

    /** The country the user's national numbers are read in ({@code users.ID.default-country}). */
    public UserBuilder country(String isoCountry) {
        return new UserBuilder(id, role, isoCountry, callerId, maxConcurrentCalls, dailySpendCap, allowedPrefixes);
    }

    /** The number presented to callees ({@code users.ID.caller-id}). */
    public UserBuilder callerId(String e164) {
        return new UserBuilder(id, role, country, Optional.of(e164), maxConcurrentCalls, dailySpendCap, allowedPrefixes);
    }

    public UserBuilder role(UserConfig.Role newRole) {
        return new UserBuilder(id, newRole, country, callerId, maxConcurrentCalls, dailySpendCap, allowedPrefixes);
    }

    /** Shorthand for {@code role(Role.ADMIN)}. */
    public UserBuilder admin() {
        return role(UserConfig.Role.ADMIN);
    }

    public UserBuilder maxConcurrentCalls(int calls) {
        return new UserBuilder(id, role, country, callerId, calls, dailySpendCap, allowedPrefixes);
    }

    /** {@code users.ID.daily-spend-cap}, e.g. {@code "5.00"}. */
    public UserBuilder dailySpendCap(String amount) {
        return new UserBuilder(id, role, country, callerId, maxConcurrentCalls, Optional.of(new BigDecimal(amount)),
                allowedPrefixes);
    }

    /** {@code users.ID.allowed-prefixes}: E.164 prefixes exempt from the toll-fraud destination rules. */
    public UserBuilder allowedPrefixes(String... prefixes) {
        return new UserBuilder(id, role, country, callerId, maxConcurrentCalls, dailySpendCap, List.of(prefixes));
    }

    /** The user as the directory hands it to a route policy. */
    public Directory.User build() {
        return new Directory.User(id, new UserConfig(id, role, country, callerId, Optional.empty(), maxConcurrentCalls,
                dailySpendCap, allowedPrefixes));
    }
}
