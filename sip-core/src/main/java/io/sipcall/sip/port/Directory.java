package io.sipcall.sip.port;

import io.sipcall.config.TrunkConfig;
import io.sipcall.config.UserConfig;
import java.util.Map;
import java.util.Optional;

/**
 * Users, their SIP credentials, and trunks. Config-backed until the persistence change moves them to
 * PostgreSQL behind this same port. Lookups are in memory and never block.
 */
public interface Directory {

    /** The user whose SIP credential has this user name (gateway-side digest and registration). */
    Optional<User> userBySipUsername(String sipUsername);

    /** The user with this id (the Nextcloud user id). */
    Optional<User> user(String userId);

    /** Every trunk, by name. */
    Map<String, TrunkConfig> trunks();

    /** A trunk by name. */
    default Optional<TrunkConfig> trunk(String name) {
        return Optional.ofNullable(trunks().get(name));
    }

    /** A user and their settings. */
    record User(String id, UserConfig config) {
    }
}
