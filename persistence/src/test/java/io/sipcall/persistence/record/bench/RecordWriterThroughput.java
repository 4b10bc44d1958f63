package io.sipcall.persistence.record.bench;

import ch.qos.logback.classic.Level;
import io.sipcall.config.ConfigLoader;
import io.sipcall.config.DatabaseConfig;
import io.sipcall.persistence.Database;
import io.sipcall.persistence.record.CallRecordStore;
import io.sipcall.persistence.record.StoredCall;
import io.sipcall.persistence.record.bench.WriterRun.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.postgres.PostgresPlugin;
import org.slf4j.LoggerFactory;

/**
 * Call records written per second, sustained: realistic records ({@link BenchCalls}) through a real
 * {@link io.sipcall.persistence.record.RecordWriter} (fsync'd spool, batch insert) into the embedded
 * PostgreSQL the runnable jar uses (started here under {@code data-dir}, default settings, so on the
 * same machine and disk). Runs a warm-up burst, a burst of {@code records} submitted at once (as fast
 * as the writer takes them), then each of {@code rates} for {@code seconds}; prints markdown tables.
 *
 * <pre>
 * java -cp ... io.sipcall.persistence.record.bench.RecordWriterThroughput data-dir=/tmp/x \
 *     [warmup=20000] [records=200000] [rates=1000,5000] [seconds=60]
 * </pre>
 *
 * Run it through {@code scripts/bench-records.sh}.
 */
public final class RecordWriterThroughput {

    private RecordWriterThroughput() {
    }

    /** Arguments as {@code key=value}; see the class comment. */
    record Options(Path dataDir, int warmup, int records, List<Integer> rates, int seconds) {

        static Options parse(String[] args) {
            Map<String, String> given = new HashMap<>();
            for (String arg : args) {
                String[] pair = arg.split("=", 2);
                if (pair.length != 2) {
                    throw new IllegalArgumentException("expected key=value, got '" + arg + "'");
                }
                given.put(pair[0], pair[1]);
            }
            String dataDir = given.remove("data-dir");
            if (dataDir == null) {
                throw new IllegalArgumentException("data-dir=DIR is required (the embedded PostgreSQL goes there)");
            }
            Options options = new Options(Path.of(dataDir), Integer.parseInt(given.getOrDefault("warmup", "20000")),
                    Integer.parseInt(given.getOrDefault("records", "200000")),
                    Arrays.stream(given.getOrDefault("rates", "1000,5000").split(",")).map(String::trim)
                            .filter(s -> !s.isEmpty()).map(Integer::valueOf).toList(),
                    Integer.parseInt(given.getOrDefault("seconds", "60")));
            given.keySet().removeAll(List.of("warmup", "records", "rates", "seconds"));
            if (!given.isEmpty()) {
                throw new IllegalArgumentException("unknown arguments: " + given.keySet());
            }
            return options;
        }
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                .setLevel(Level.WARN);
        Files.createDirectories(options.dataDir());
        DatabaseConfig config = ConfigLoader.load(Optional.empty(), Map.of()).database();
        try (Database database = Database.open(config, options.dataDir())) {
            Jdbi jdbi = Jdbi.create(database.dataSource()).installPlugin(new PostgresPlugin());
            TimedTransactions inserts = new TimedTransactions(jdbi.getTransactionHandler());
            jdbi.setTransactionHandler(inserts);
            CallRecordStore store = new CallRecordStore(jdbi);
            long postmaster = postmaster(database);
            WriterRun runs = new WriterRun(store, inserts, options.dataDir(), postmaster, config.retryInterval());
            List<Result> results = new ArrayList<>();
            System.out.printf("PostgreSQL %s (embedded, pid %d), data in %s%n", database.jdbi().withHandle(
                    h -> h.createQuery("SHOW server_version").mapTo(String.class).one()), postmaster,
                    options.dataDir());

            results.add(runs.burst("warmup", build("warmup", options.warmup())));
            results.add(runs.burst("burst", build("burst", options.records())));
            for (int rate : options.rates()) {
                results.add(runs.paced("rate-" + rate, new BenchCalls("rate-" + rate, rate), rate, options.seconds()));
            }
            printResults(results, store.count());
        }
    }

    /** {@code count} records made ahead of a burst; prints how long a record takes to make. */
    private static List<StoredCall> build(String name, int count) {
        BenchCalls calls = new BenchCalls(name, name.hashCode());
        long start = System.nanoTime();
        List<StoredCall> out = IntStream.range(0, count).mapToObj(i -> calls.next()).toList();
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        System.out.printf(Locale.ROOT, "Made %d records for '%s' with CallRecorder in %.1f s (%.1f µs each)%n",
                count, name, took.toNanos() / 1e9, took.toNanos() / 1e3 / Math.max(1, count));
        return out;
    }

    private static long postmaster(Database database) throws IOException {
        Path pidFile = database.embedded().orElseThrow().dataDirectory().resolve("postmaster.pid");
        return Long.parseLong(Files.readAllLines(pidFile).get(0).strip());
    }

    private static void printResults(List<Result> results, long stored) {
        System.out.println();
        System.out.println("| run | records | offered/s | written/s | insert batches | records/batch | insert p50 (ms) "
                + "| p95 | p99 | max | max backlog | drain after last submit (ms) |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (Result r : results) {
            long[] t = r.insertNanos();
            System.out.printf(Locale.ROOT,
                    "| %s | %d | %s | %.0f | %d | %.1f | %.2f | %.2f | %.2f | %.2f | %d | %d |%n",
                    r.name(), r.records(), r.offeredPerSecond() == null ? "all at once"
                            : String.format(Locale.ROOT, "%.0f", r.offeredPerSecond()),
                    r.writtenPerSecond(), t.length, t.length == 0 ? 0.0 : r.records() / (double) t.length,
                    ms(percentile(t, 50)), ms(percentile(t, 95)), ms(percentile(t, 99)),
                    ms(t.length == 0 ? 0 : t[t.length - 1]), r.maxBacklog(), r.drain().toMillis());
        }
        System.out.println();
        System.out.println("| run | spool fdatasync | spool fsync | PostgreSQL fdatasync | PostgreSQL fsync "
                + "| time in insert transactions | submit() (µs/record) | JVM CPU (µs/record) "
                + "| PostgreSQL CPU (µs/record) |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (Result r : results) {
            long insertNanos = Arrays.stream(r.insertNanos()).sum();
            System.out.printf(Locale.ROOT, "| %s | %s | %s | %s | %s | %.0f %% | %.2f | %.1f | %.1f |%n", r.name(),
                    count(r.spoolSyncs(), SyscallCounter.FDATASYNC), count(r.spoolSyncs(), SyscallCounter.FSYNC),
                    count(r.serverSyncs(), SyscallCounter.FDATASYNC), count(r.serverSyncs(), SyscallCounter.FSYNC),
                    100.0 * insertNanos / r.elapsed().toNanos(), perRecord(r.submitting(), r.records()),
                    perRecord(r.jvmCpu(), r.records()), perRecord(r.serverCpu(), r.records()));
        }
        long expected = results.stream().mapToLong(Result::records).sum();
        System.out.printf("%nRows in calls: %d; records written by the runs: %d (%s)%n", stored, expected,
                stored == expected ? "equal" : "NOT EQUAL");
    }

    private static String count(Optional<Map<String, Long>> counts, String name) {
        return counts.map(c -> String.valueOf(c.getOrDefault(name, 0L))).orElse("n/a");
    }

    private static double perRecord(Duration duration, long records) {
        return records == 0 ? 0 : duration.toNanos() / 1e3 / records;
    }

    /** Nearest-rank percentile of sorted values; 0 when there are none. */
    static long percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }
}
