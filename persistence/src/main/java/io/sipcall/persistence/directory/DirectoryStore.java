package io.sipcall.persistence.directory;

import io.sipcall.config.RateConfig;
import io.sipcall.config.TrunkConfig;
import io.sipcall.config.UserConfig;
import io.sipcall.persistence.audit.AuditEntry;
import io.sipcall.persistence.audit.AuditLog;
import io.sipcall.persistence.crypto.KeyRing;
import io.sipcall.persistence.directory.ConflictingEntryException.Reason;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Users (with their SIP credential), trunks and rates in PostgreSQL: the backend of the admin API
 * and of {@link DatabaseDirectory}. Trunk passwords and all caller IDs are encrypted with the
 * {@link FieldCipher} before they reach the database.
 *
 * <p>Every write validates its input first (in canonical form: {@code +49}, {@code DE}, {@code 0.01}),
 * takes who made it ({@link Origin}), and writes its audit entry ({@code user.created},
 * {@code trunk.updated}, {@code rate.deleted}, ...) in the same transaction; an entry's detail names
 * changed fields, never their values. An update that changes nothing writes nothing. Writes return
 * the entry as stored. Failures are {@link DirectoryException}s.
 *
 * <p>Thread-safe. Every method does I/O: never call it on a SIP thread.
 */
public final class DirectoryStore {

    private static final Logger LOG = LoggerFactory.getLogger(DirectoryStore.class);

    private final Jdbi jdbi;
    private final UserRows users;
    private final TrunkRows trunks;
    private final RateRows rates = new RateRows();
    private final Deletions deletions;

    /** A store encrypting with {@code keys}' cipher and remembering deletions under its lookup hash. */
    public DirectoryStore(Jdbi jdbi, KeyRing keys) {
        this.jdbi = jdbi;
        this.users = new UserRows(keys.cipher());
        this.trunks = new TrunkRows(keys.cipher());
        this.deletions = new Deletions(keys.lookup());
    }

    /**
     * Whether the entry {@code key} of {@code kind} was deleted on purpose (through this store or by a
     * privacy erasure) and not created again since: the configuration file must not seed it back.
     */
    public boolean wasDeleted(Deletions.Kind kind, String key) {
        return read("read deletions", handle -> deletions.isDeleted(handle, kind, key));
    }

    /** Adds user {@code id}; its SIP user name, if any, must be no other user's. */
    public UserConfig createUser(Origin origin, String id, UserConfig user) {
        UserConfig stored = EntryRules.user(id, user);
        return write(origin, "user.created", "user:" + id, "create user '" + id + "'", handle -> {
            if (users.find(handle, id, false).isPresent()) {
                throw new ConflictingEntryException(Reason.EXISTS, "user '" + id + "' exists already");
            }
            requireSipUsernameFree(handle, id, stored);
            users.insert(handle, id, stored);
            deletions.clear(handle, Deletions.Kind.USER, id);
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("role", stored.role().name());
            detail.put("default-country", stored.defaultCountry());
            stored.sip().ifPresent(sip -> detail.put("sip-username", sip.username()));
            return Written.changed(stored, detail);
        });
    }

    /** Replaces user {@code id}'s settings and credential with {@code user}. */
    public UserConfig updateUser(Origin origin, String id, UserConfig user) {
        UserConfig stored = EntryRules.user(id, user);
        return write(origin, "user.updated", "user:" + id, "update user '" + id + "'", handle -> {
            UserConfig before = users.find(handle, id, true).orElseThrow(() -> unknown("user '" + id + "'"));
            List<String> changed = Changes.between(before, stored);
            if (changed.isEmpty()) {
                return Written.unchanged(before);
            }
            requireSipUsernameFree(handle, id, stored);
            users.update(handle, id, before, stored);
            return Written.changed(stored, Map.of("changed", changed));
        });
    }

    /** Deletes user {@code id}, its SIP credential and its registrations. */
    public void deleteUser(Origin origin, String id) {
        write(origin, "user.deleted", "user:" + id, "delete user '" + id + "'", handle -> {
            if (!users.delete(handle, id)) {
                throw unknown("user '" + id + "'");
            }
            deletions.mark(handle, Deletions.Kind.USER, id);
            return Written.changed(id, Map.of());
        });
    }

    public Optional<UserConfig> user(String id) {
        return read("read user '" + id + "'", handle -> users.find(handle, id, false));
    }

    /** Every user, by id in id order. */
    public Map<String, UserConfig> users() {
        return read("list users", handle -> Collections.unmodifiableMap(users.all(handle)));
    }

    /** Adds trunk {@code name}. */
    public TrunkConfig createTrunk(Origin origin, String name, TrunkConfig trunk) {
        TrunkConfig stored = EntryRules.trunk(name, trunk);
        return write(origin, "trunk.created", "trunk:" + name, "create trunk '" + name + "'", handle -> {
            if (trunks.find(handle, name, false).isPresent()) {
                throw new ConflictingEntryException(Reason.EXISTS, "trunk '" + name + "' exists already");
            }
            trunks.insert(handle, name, stored);
            deletions.clear(handle, Deletions.Kind.TRUNK, name);
            return Written.changed(stored, Map.of("preset", stored.preset().name(), "host", stored.host(),
                    "transport", stored.transport().name(), "auth-mode", stored.auth().mode().name(),
                    "registration", stored.registration().enabled()));
        });
    }

    /**
     * Replaces trunk {@code name} with {@code trunk}, password included: to keep the current
     * password, pass the one {@link #trunk} returned.
     */
    public TrunkConfig updateTrunk(Origin origin, String name, TrunkConfig trunk) {
        TrunkConfig stored = EntryRules.trunk(name, trunk);
        return write(origin, "trunk.updated", "trunk:" + name, "update trunk '" + name + "'", handle -> {
            TrunkConfig before = trunks.find(handle, name, true).orElseThrow(() -> unknown("trunk '" + name + "'"));
            List<String> changed = Changes.between(before, stored);
            if (changed.isEmpty()) {
                return Written.unchanged(before);
            }
            trunks.update(handle, name, stored);
            return Written.changed(stored, Map.of("changed", changed));
        });
    }

    /** Deletes trunk {@code name} and its rates. */
    public void deleteTrunk(Origin origin, String name) {
        write(origin, "trunk.deleted", "trunk:" + name, "delete trunk '" + name + "'", handle -> {
            int rateCount = rates.countOf(handle, name);
            if (!trunks.delete(handle, name)) {
                throw unknown("trunk '" + name + "'");
            }
            deletions.mark(handle, Deletions.Kind.TRUNK, name);
            return Written.changed(name, Map.of("rates-deleted", rateCount));
        });
    }

    /** Trunk {@code name}, its password decrypted. */
    public Optional<TrunkConfig> trunk(String name) {
        return read("read trunk '" + name + "'", handle -> trunks.find(handle, name, false));
    }

    /** Every trunk, by name in name order, passwords decrypted. */
    public Map<String, TrunkConfig> trunks() {
        return read("list trunks", handle -> Collections.unmodifiableMap(trunks.all(handle)));
    }

    /**
     * Adds a rate: what {@code rate.trunk()} charges for numbers starting with {@code rate.prefix()}.
     * The trunk must exist, and the currency must be that of every other rate.
     */
    public RateConfig createRate(Origin origin, RateConfig rate) {
        RateConfig stored = EntryRules.rate(rate);
        String key = rateKey(stored);
        return write(origin, "rate.created", "rate:" + key, "create rate " + key, handle -> {
            if (trunks.find(handle, stored.trunk(), false).isEmpty()) {
                throw new InvalidEntryException("trunk", "rate " + key + ": unknown trunk '" + stored.trunk() + "'");
            }
            if (rates.find(handle, stored.trunk(), stored.prefix(), false).isPresent()) {
                throw new ConflictingEntryException(Reason.EXISTS, "rate " + key + " exists already");
            }
            requireOneCurrency(handle, stored);
            rates.insert(handle, stored);
            deletions.clear(handle, Deletions.Kind.RATE, key);
            return Written.changed(stored, Map.of("trunk", stored.trunk(), "prefix", stored.prefix(),
                    "price-per-minute", stored.pricePerMinute().toPlainString(), "currency", stored.currency()));
        });
    }

    /** Replaces the price and currency of the rate of {@code rate.trunk()} for {@code rate.prefix()}. */
    public RateConfig updateRate(Origin origin, RateConfig rate) {
        RateConfig stored = EntryRules.rate(rate);
        String key = rateKey(stored);
        return write(origin, "rate.updated", "rate:" + key, "update rate " + key, handle -> {
            RateConfig before = rates.find(handle, stored.trunk(), stored.prefix(), true)
                    .orElseThrow(() -> unknown("rate " + key));
            List<String> changed = Changes.between(before, stored);
            if (changed.isEmpty()) {
                return Written.unchanged(before);
            }
            requireOneCurrency(handle, stored);
            rates.update(handle, stored);
            return Written.changed(stored, Map.of("changed", changed,
                    "price-per-minute", stored.pricePerMinute().toPlainString(), "currency", stored.currency()));
        });
    }

    /** Deletes the rate of {@code trunk} for {@code prefix}. */
    public void deleteRate(Origin origin, String trunk, String prefix) {
        String canonical = EntryRules.prefix("rate of trunk '" + trunk + "'", "prefix", prefix);
        String key = trunk + ":" + canonical;
        write(origin, "rate.deleted", "rate:" + key, "delete rate " + key, handle -> {
            if (!rates.delete(handle, trunk, canonical)) {
                throw unknown("rate " + key);
            }
            deletions.mark(handle, Deletions.Kind.RATE, key);
            return Written.changed(key, Map.of("trunk", trunk, "prefix", canonical));
        });
    }

    /** The rate of {@code trunk} for {@code prefix} (in any spelling: {@code 49} is {@code +49}). */
    public Optional<RateConfig> rate(String trunk, String prefix) {
        String canonical = EntryRules.prefix("rate of trunk '" + trunk + "'", "prefix", prefix);
        return read("read rate " + trunk + ":" + canonical, handle -> rates.find(handle, trunk, canonical, false));
    }

    /** Every rate, ordered by trunk, then prefix. */
    public List<RateConfig> rates() {
        return read("list rates", rates::all);
    }

    /** Everything, read in one repeatable-read transaction so users, trunks and rates agree. */
    public DirectorySnapshot loadSnapshot() {
        try {
            return jdbi.inTransaction(TransactionIsolationLevel.REPEATABLE_READ, handle -> {
                SqlFailures.quiet(handle);
                return new DirectorySnapshot(users.all(handle), trunks.all(handle), rates.all(handle));
            });
        } catch (JdbiException e) {
            throw SqlFailures.translate("load the directory", e);
        }
    }

    private void requireSipUsernameFree(Handle handle, String id, UserConfig user) {
        if (user.sip().isEmpty()) {
            return;
        }
        String username = user.sip().get().username();
        Optional<String> owner = users.credentialOwner(handle, username).filter(other -> !other.equals(id));
        if (owner.isPresent()) {
            throw new ConflictingEntryException(Reason.TAKEN, "user '" + id + "': SIP user name '"
                    + username + "' is already that of user '" + owner.get() + "'; each must be unique");
        }
    }

    private void requireOneCurrency(Handle handle, RateConfig rate) {
        Optional<String> others = rates.currencyOfOthers(handle, rate.trunk(), rate.prefix());
        if (others.isPresent() && !others.get().equals(rate.currency())) {
            throw new InvalidEntryException("currency", "rate " + rateKey(rate) + ": rates are in " + others.get()
                    + ", and all rates must be in one currency");
        }
    }

    private static String rateKey(RateConfig rate) {
        return rate.trunk() + ":" + rate.prefix();
    }

    private static UnknownEntryException unknown(String what) {
        return new UnknownEntryException(what + " does not exist");
    }

    /** The outcome of a write: the entry as stored, and whether (with what detail) it changed. */
    private record Written<T>(T value, boolean changed, Map<String, Object> detail) {
        static <T> Written<T> changed(T value, Map<String, Object> detail) {
            return new Written<>(value, true, detail);
        }

        static <T> Written<T> unchanged(T value) {
            return new Written<>(value, false, Map.of());
        }
    }

    private <T> T write(Origin origin, String action, String target, String what,
            HandleCallback<Written<T>, RuntimeException> work) {
        Written<T> written;
        try {
            written = jdbi.inTransaction(handle -> {
                Written<T> result = work.withHandle(SqlFailures.quiet(handle));
                if (result.changed()) {
                    AuditLog.record(handle, AuditEntry.of(origin.actor(), origin.source(), action, target,
                            result.detail()));
                }
                return result;
            });
        } catch (JdbiException e) {
            throw SqlFailures.translate(what, e);
        }
        if (written.changed()) {
            LOG.info("event=directory-changed action={} target={} actor={} source={}", action, target,
                    origin.actor(), origin.source());
        }
        return written.value();
    }

    private <T> T read(String what, HandleCallback<T, RuntimeException> work) {
        try {
            return jdbi.withHandle(handle -> work.withHandle(SqlFailures.quiet(handle)));
        } catch (JdbiException e) {
            throw SqlFailures.translate(what, e);
        }
    }
}
