#!/usr/bin/env bash
# Call records written per second, sustained: realistic records (a real CallRecorder: 5 events,
# encrypted numbers) through a real RecordWriter (fsync'd spool, batch insert) into the embedded
# PostgreSQL 16 the runnable jar uses, started in a fresh directory on this machine's disk.
# Runs a warm-up burst, a burst of RECORDS submitted at once (as fast as the writer takes them), then
# each of RATES records/s for SECONDS. Prints markdown tables: records/s, insert batches and their
# latency percentiles, fdatasync/fsync counts of the spool and of PostgreSQL (perf, when present),
# CPU per record. The program: persistence/src/test/java/io/sipcall/persistence/record/bench/.
#
#   scripts/bench-records.sh                               # 200000 records, then 1000/s and 5000/s for 60 s
#   RECORDS=50000 RATES="1000" SECONDS_PER_RATE=20 scripts/bench-records.sh
set -euo pipefail
cd "$(dirname "$0")/.."

records=${RECORDS:-200000}
warmup=${WARMUP:-20000}
rates=${RATES:-"1000 5000"}
seconds=${SECONDS_PER_RATE:-60}
keep=${KEEP_DATA:-}

# Offline reactor build of persistence and what it needs; the dependency plugin writes the test
# classpath (pinned in the parent POM) to persistence/target/bench-classpath.txt.
./mvnw -q -pl persistence -am package -DskipTests \
    dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt
classpath="persistence/target/test-classes:persistence/target/classes:$(cat persistence/target/bench-classpath.txt)"

command -v perf >/dev/null || echo "perf not found: fsync counts will read n/a (Debian package linux-perf)" >&2

work=$(mktemp -d)
cleanup() { [ -n "$keep" ] && echo "data kept in $work" || rm -rf "$work"; }
trap cleanup EXIT

echo "load before: $(cut -d' ' -f1-3 /proc/loadavg) (1, 5, 15 min; $(nproc) cores)"
java -Xms2g -Xmx2g -cp "$classpath" io.sipcall.persistence.record.bench.RecordWriterThroughput \
    data-dir="$work" warmup="$warmup" records="$records" rates="${rates// /,}" seconds="$seconds"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
