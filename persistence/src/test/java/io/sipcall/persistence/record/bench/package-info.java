/**
 * Benchmarks of the call-record path, run by {@code scripts/bench-records.sh}, never by the test
 * suite (no class here is a test). {@link io.sipcall.persistence.record.bench.RecordWriterThroughput}
 * is the entry point; its figures go to {@code docs/benchmarks.md}. Single-threaded except where a
 * class says otherwise.
 */
package io.sipcall.persistence.record.bench;
