package io.sipcall.sip.directory;

import io.sipcall.config.SipCallConfig;
import io.sipcall.config.TrunkConfig;
import io.sipcall.config.UserConfig;
import io.sipcall.sip.port.Directory;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** The directory read from configuration: users, their SIP credentials and trunks. */
public final class ConfigDirectory implements Directory {

    private final Map<String, User> byId;
    private final Map<String, User> bySipUsername;
    private final Map<String, TrunkConfig> trunks;

    public ConfigDirectory(SipCallConfig config) {
        this(config.users(), config.trunks());
    }

    public ConfigDirectory(Map<String, UserConfig> users, Map<String, TrunkConfig> trunks) {
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
}
