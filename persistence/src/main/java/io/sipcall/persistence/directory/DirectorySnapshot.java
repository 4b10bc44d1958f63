package io.sipcall.persistence.directory;

import io.sipcall.config.RateConfig;
import io.sipcall.config.TrunkConfig;
import io.sipcall.config.UserConfig;
import java.util.List;
import java.util.Map;

/**
 * Everything the directory holds, read in one transaction: users (with their SIP credential), trunks
 * (secrets decrypted) and rates. Immutable; equal snapshots mean nothing changed.
 *
 * @param users  by user id
 * @param trunks by name
 * @param rates  ordered by trunk, then prefix
 */
public record DirectorySnapshot(Map<String, UserConfig> users, Map<String, TrunkConfig> trunks,
        List<RateConfig> rates) {

    public DirectorySnapshot {
        users = Map.copyOf(users);
        trunks = Map.copyOf(trunks);
        rates = List.copyOf(rates);
    }

    @Override
    public String toString() {
        return "DirectorySnapshot[" + users.size() + " users, " + trunks.size() + " trunks, " + rates.size()
                + " rates]";
    }
}
