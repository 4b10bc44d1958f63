package io.sipcall.sip.directory;

import io.sipcall.config.RateConfig;
import io.sipcall.config.SipCallConfig;
import io.sipcall.config.TrunkConfig;
import io.sipcall.config.UserConfig;
import io.sipcall.sip.port.Directory;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An immutable directory: users, their SIP credentials, trunks and rates as given, from the
 * configuration file or from one snapshot of the database.
 */
public final class ConfigDirectory implements Directory {

    private final Map<String, User> byId;
    private final Map<String, User> bySipUsername;
    private final Map<String, TrunkConfig> trunks;
    private final List<RateConfig> rates;

    public ConfigDirectory(SipCallConfig config) {
        this(config.users(), config.trunks(), config.rates());
    }

    /** Users and trunks, no rates. */
    public ConfigDirectory(Map<String, UserConfig> users, Map<String, TrunkConfig> trunks) {
        this(users, trunks, List.of());
    }

    /**
     * Unmodifiable maps and lists given here ({@link Map#copyOf}, {@link List#copyOf}) are kept as
     * they are, so a snapshot built from the previous one's unchanged trunks or rates hands out the
     * same instances.
     */
    public ConfigDirectory(Map<String, UserConfig> users, Map<String, TrunkConfig> trunks, List<RateConfig> rates) {
        Map<String, User> ids = new HashMap<>();
        Map<String, User> sip = new HashMap<>();
        users.forEach((id, settings) -> {
            User user = new User(id, settings);
            ids.put(id, user);
            settings.sip().ifPresent(credential -> sip.put(credential.username(), user));
        });
        this.byId = Map.copyOf(ids);
        this.bySipUsername = Map.copyOf(sip);
        this.trunks = Map.copyOf(trunks);
        this.rates = List.copyOf(rates);
    }

    @Override
    public Optional<User> userBySipUsername(String sipUsername) {
        return Optional.ofNullable(bySipUsername.get(sipUsername));
    }

    @Override
    public Optional<User> user(String userId) {
        return Optional.ofNullable(byId.get(userId));
    }

    @Override
    public Map<String, TrunkConfig> trunks() {
        return trunks;
    }

    @Override
    public List<RateConfig> rates() {
        return rates;
    }
}
