package io.sipcall.persistence.directory;

import io.sipcall.config.RateConfig;
import io.sipcall.config.SipCallConfig;
import io.sipcall.config.TrunkConfig;
import io.sipcall.config.UserConfig;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Seeds the database directory from the configuration file at start: trunks, then rates, then users
 * (with their SIP credential) that the database does not hold yet are inserted, each audited with
 * actor {@code system} and source {@code config} ({@link Origin#CONFIG}).
 *
 * <p>An entry deleted on purpose ({@link Deletions}: through the admin API, or a user erased) is not
 * seeded again while the file still names it; a WARN says to remove it from the file.
 *
 * <p>The database copy wins: an entry whose key (user id, trunk name, trunk and prefix of a rate) the
 * database holds is never overwritten, only named in an INFO line. An entry the database refuses
 * (its SIP user name is another user's, its currency is not the other rates') is skipped with a WARN
 * and the start goes on. A database that cannot be reached fails the seeding.
 *
 * <p>Call it on the starting thread, before the {@link DatabaseDirectory} is loaded.
 */
public final class ConfigSeeder {

    private static final Logger LOG = LoggerFactory.getLogger(ConfigSeeder.class);

    private final DirectoryStore store;

    public ConfigSeeder(DirectoryStore store) {
        this.store = store;
    }

    /**
     * What a seeding did.
     *
     * @param inserted entries added from the configuration
     * @param kept     entries the database held already, left as they were
     * @param skipped  entries the database refused
     */
    public record Result(int inserted, int kept, int skipped) {
    }

    /** Seeds the users, trunks and rates of {@code config}. */
    public Result seed(SipCallConfig config) {
        return seed(config.users(), config.trunks(), config.rates());
    }

    /**
     * Seeds these users, trunks and rates.
     *
     * @throws DirectoryUnavailableException when the database cannot be read or written
     */
    public Result seed(Map<String, UserConfig> users, Map<String, TrunkConfig> trunks, List<RateConfig> rates) {
        DirectorySnapshot existing = store.loadSnapshot();
        Tally tally = new Tally();
        new TreeMap<>(trunks).forEach((name, trunk) -> tally.add("trunk", name, existing.trunks().containsKey(name),
                deleted(Deletions.Kind.TRUNK, name), () -> store.createTrunk(Origin.CONFIG, name, trunk)));
        Set<String> existingRates = existing.rates().stream().map(ConfigSeeder::key).collect(Collectors.toSet());
        for (RateConfig rate : rates) {
            String key = rate.trunk() + ":" + rate.prefix();
            tally.add("rate", key, existingRates.contains(canonicalKey(rate)),
                    deleted(Deletions.Kind.RATE, canonicalKey(rate)), () -> store.createRate(Origin.CONFIG, rate));
        }
        new TreeMap<>(users).forEach((id, user) -> tally.add("user", id, existing.users().containsKey(id),
                deleted(Deletions.Kind.USER, id), () -> store.createUser(Origin.CONFIG, id, user)));
        Result result = new Result(tally.inserted, tally.kept, tally.skipped);
        LOG.info("event=directory-seeded inserted={} kept={} skipped={}", result.inserted(), result.kept(),
                result.skipped());
        return result;
    }

    /** Counts and logs what happens to each entry. */
    private static final class Tally {
        private int inserted;
        private int kept;
        private int skipped;

        void add(String kind, String key, boolean present, BooleanSupplier deleted, Supplier<?> insert) {
            if (present) {
                kept(kind, key);
                return;
            }
            if (deleted.getAsBoolean()) {
                skipped++;
                LOG.warn("event=seed-skipped kind={} key={} note=\"deleted through the admin API or erased; not "
                        + "seeded again: remove it from the configuration file\"", kind, key);
                return;
            }
            try {
                insert.get();
                inserted++;
            } catch (ConflictingEntryException e) {
                if (e.reason() != ConflictingEntryException.Reason.TAKEN) {
                    kept(kind, key); // another instance seeded it since the snapshot was read
                } else {
                    skipped(kind, key, e);
                }
            } catch (InvalidEntryException e) {
                skipped(kind, key, e);
            }
        }

        private void kept(String kind, String key) {
            kept++;
            LOG.info("event=seed-kept kind={} key={} note=\"the database holds it; its copy wins over the "
                    + "configuration file's\"", kind, key);
        }

        private void skipped(String kind, String key, DirectoryException e) {
            skipped++;
            LOG.warn("event=seed-skipped kind={} key={} error=\"{}\" note=\"the configuration file's entry is not "
                    + "in the database; change it there or through the admin API\"", kind, key, e.getMessage());
        }
    }

    private BooleanSupplier deleted(Deletions.Kind kind, String key) {
        return () -> store.wasDeleted(kind, key);
    }

    private static String key(RateConfig rate) {
        return rate.trunk() + ":" + rate.prefix();
    }

    /** The key of a configured rate as stored, or one no stored rate has when the prefix is not E.164. */
    private static String canonicalKey(RateConfig rate) {
        try {
            return rate.trunk() + ":" + EntryRules.prefix("", "prefix", rate.prefix());
        } catch (InvalidEntryException e) {
            return rate.trunk() + ":\0" + rate.prefix();
        }
    }
}
