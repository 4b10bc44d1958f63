package io.sipcall.app;

import io.sipcall.config.SipCallConfig;
import io.sipcall.persistence.Database;
import io.sipcall.persistence.audit.AuditLog;
import io.sipcall.persistence.crypto.KeyRing;
import io.sipcall.persistence.directory.ConfigSeeder;
import io.sipcall.persistence.directory.DatabaseDirectory;
import io.sipcall.persistence.directory.DatabaseRegistrations;
import io.sipcall.persistence.directory.DirectoryStore;
import io.sipcall.persistence.privacy.PrivacyService;
import io.sipcall.persistence.privacy.RetentionJob;
import io.sipcall.persistence.record.CallRecordStore;
import io.sipcall.persistence.record.CallRecorder;
import io.sipcall.persistence.record.RecordWriter;
import io.sipcall.sip.port.Directory;
import io.sipcall.sip.route.NumberNormaliser;
import io.sipcall.sip.route.UsageLedger;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The storage side of one instance, opened in dependency order and closed in reverse: the database
 * (configured or embedded), the keys, the directory seeded from the configuration and cached in
 * memory, the gateway users' registrations, the call-record writer with its spool, and the retention
 * job. Nothing here is called on a SIP thread in a way that waits for the database.
 */
public final class Storage implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Storage.class);
    /** How often the cached directory is reloaded (changes by other instances or the admin API). */
    private static final Duration DIRECTORY_REFRESH = Duration.ofSeconds(5);
    /** How often expired registrar bindings are purged from the table. */
    private static final Duration REGISTRATION_PURGE = Duration.ofMinutes(5);
    /** How long start waits for the spool of an earlier run to be replayed before restoring spend. */
    private static final Duration SPOOL_REPLAY_WAIT = Duration.ofSeconds(10);

    private final Database database;
    private final KeyRing keys;
    private final DirectoryStore store;
    private final DatabaseDirectory directory;
    private final DatabaseRegistrations registrations;
    private final CallRecordStore records;
    private final RecordWriter writer;
    private final RetentionJob retention;
    private final Deque<AutoCloseable> opened;

    private Storage(Opener opener) {
        this.database = opener.database;
        this.keys = opener.keys;
        this.store = opener.store;
        this.directory = opener.directory;
        this.registrations = opener.registrations;
        this.records = opener.records;
        this.writer = opener.writer;
        this.retention = opener.retention;
        this.opened = opener.opened;
    }

    /**
     * Opens the storage of {@code config}: waits for (or starts) the database, migrates it, seeds the
     * directory from the configuration, and replays any call records left in the spool.
     *
     * @throws io.sipcall.persistence.PersistenceException when any part cannot start; what was
     *                                                      already opened is closed again
     */
    public static Storage open(SipCallConfig config) {
        Opener opener = new Opener();
        try {
            opener.open(config);
            return new Storage(opener);
        } catch (RuntimeException e) {
            closeAll(opener.opened);
            throw e;
        }
    }

    /** Opens the parts one by one, remembering each so a failure closes what came before. */
    private static final class Opener {
        private final Deque<AutoCloseable> opened = new ArrayDeque<>();
        private Database database;
        private KeyRing keys;
        private DirectoryStore store;
        private DatabaseDirectory directory;
        private DatabaseRegistrations registrations;
        private CallRecordStore records;
        private RecordWriter writer;
        private RetentionJob retention;

        void open(SipCallConfig config) {
            keys = KeyRing.load(config.encryption(), config.dataDir());
            database = remember(Database.open(config.database(), config.dataDir()));
            store = new DirectoryStore(database.jdbi(), keys);
            new ConfigSeeder(store).seed(config);
            directory = remember(DatabaseDirectory.start(store, DIRECTORY_REFRESH));
            registrations = remember(DatabaseRegistrations.start(database.jdbi(), Clock.systemUTC(),
                    config.database().retryInterval(), REGISTRATION_PURGE));
            records = new CallRecordStore(database.jdbi());
            writer = remember(RecordWriter.start(records, config.dataDir().resolve("spool"),
                    config.database().retryInterval()));
            retention = remember(new RetentionJob(database.jdbi(), config.retention(), Clock.systemUTC()));
            retention.start();
        }

        private <T extends AutoCloseable> T remember(T part) {
            opened.push(part);
            return part;
        }
    }

    /** The directory (users, credentials, trunks, rates) as the B2BUA sees it: cached, never blocking. */
    public DatabaseDirectory directory() {
        return directory;
    }

    /** The directory's store: reads and audited writes (the admin API's backend). */
    public DirectoryStore directoryStore() {
        return store;
    }

    /** Gateway users' registrar bindings, kept in the database. */
    public DatabaseRegistrations registrations() {
        return registrations;
    }

    /** The call records in the database. */
    public CallRecordStore callRecords() {
        return records;
    }

    /** The writer that spools and stores call records. */
    public RecordWriter recordWriter() {
        return writer;
    }

    /** Export and erasure of a user's data. */
    public PrivacyService privacy() {
        return new PrivacyService(database.jdbi(), keys);
    }

    /** The audit log. */
    public AuditLog auditLog() {
        return new AuditLog(database.jdbi());
    }

    /** The encryption keys (to read numbers back: the API, exports). */
    public KeyRing keys() {
        return keys;
    }

    /** The database itself (health checks, tests). */
    public Database database() {
        return database;
    }

    /**
     * A sink that turns the events of calls into call records handed to the writer. It reads users'
     * countries from {@code users}, normalises numbers like the route policy and prices in the
     * currency of the directory's rates.
     */
    public CallRecorder recorder(SipCallConfig config, Directory users) {
        return new CallRecorder(keys, users, NumberNormaliser.of(config), UsageLedger.currencyOf(users.rates()), Clock.systemUTC(),
                writer::submit);
    }

    /**
     * Tells {@code ledger} what users' calls answered today already cost (from the call records,
     * after the spool left by an earlier run is replayed), so a restart does not reset daily spend
     * caps.
     */
    public void restoreSpend(UsageLedger ledger, Clock clock) {
        try {
            if (!writer.awaitIdle(SPOOL_REPLAY_WAIT)) {
                LOG.warn("event=spend-restore-early note=\"the spool is still being replayed; today's spend may "
                        + "be counted low until those records are stored\"");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        Map<String, BigDecimal> spent = records.spendByUser(today);
        spent.forEach((user, amount) -> ledger.restore(user, today, amount));
        LOG.info("event=spend-restored day={} users={}", today, spent.size());
    }

    /** Closes in reverse order: the writer stores (or spools) what it holds before the database goes. */
    @Override
    public void close() {
        closeAll(opened);
    }

    private static void closeAll(Deque<AutoCloseable> parts) {
        while (!parts.isEmpty()) {
            AutoCloseable part = parts.pop();
            try {
                part.close();
            } catch (Exception e) {
                LOG.error("event=storage-close-failed part={} error=\"{}\"", part.getClass().getSimpleName(),
                        e.toString(), e);
            }
        }
    }
}
