package io.sipcall.sip.port;

import io.sipcall.config.RateConfig;
import io.sipcall.config.TrunkConfig;
import io.sipcall.config.UserConfig;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Users, their SIP credentials, trunks and rates: from the configuration file
 * ({@link io.sipcall.sip.directory.ConfigDirectory}) or from PostgreSQL (the persistence module's
 * cached directory). Lookups are in memory and never block.
 *
 * <p>Implementations hand out immutable collections and replace them, never change them, when their
 * content changes: a caller may keep what {@link #trunks()} or {@link #rates()} returned and tell a
 * change by identity ({@code !=}) on the next call.
 */
public interface Directory {

    /** The user whose SIP credential has this user name (gateway-side digest and registration). */
    Optional<User> userBySipUsername(String sipUsername);

    /** The user with this id (the Nextcloud user id). */
    Optional<User> user(String userId);

    /** Every trunk, by name. */
    Map<String, TrunkConfig> trunks();

    /** What trunks charge, all in one currency (the {@code rates} of the configuration). */
    List<RateConfig> rates();

    /** A trunk by name. */
    default Optional<TrunkConfig> trunk(String name) {
        return Optional.ofNullable(trunks().get(name));
    }

    /** A user and their settings. */
    record User(String id, UserConfig config) {
    }
}
