package io.sipcall.it.records;

import static org.assertj.core.api.Assertions.assertThat;

import io.sipcall.persistence.crypto.KeyRing;
import io.sipcall.persistence.record.CallRecordStore;
import io.sipcall.persistence.record.StoredCall;
import io.sipcall.persistence.record.StoredCall.Disposition;
import io.sipcall.persistence.record.StoredCall.HangupSide;
import io.sipcall.persistence.record.StoredEvent;
import io.sipcall.persistence.testing.TestDatabase;
import java.util.List;
import org.assertj.core.api.SoftAssertions;
import org.jdbi.v3.core.Jdbi;

/**
 * What a database holds of call records, read from outside the SIPCall under test: raw counts of
 * {@code calls} and {@code call_events}, and each record as {@link CallRecordStore#find} maps it.
 * Every read opens a plain connection (no pool), so it works across restarts of the server.
 */
final class StoredRecords {

    /** The timeline of a call answered by the callee and hung up by the caller. */
    static final List<String> ANSWERED_TIMELINE = List.of("started", "routed", "ringing", "answered", "ended");

    private final Jdbi jdbi;
    private final CallRecordStore store;

    StoredRecords(TestDatabase.Coordinates database) {
        this.jdbi = database.jdbi();
        this.store = new CallRecordStore(jdbi);
    }

    /** Rows in {@code calls}. */
    long calls() {
        return count("SELECT count(*) FROM calls");
    }

    /** Rows in {@code call_events}. */
    long events() {
        return count("SELECT count(*) FROM call_events");
    }

    /** The ids in {@code calls}, in no particular order. */
    List<String> ids() {
        return jdbi.withHandle(h -> h.createQuery("SELECT id FROM calls").mapTo(String.class).list());
    }

    /** The stored record with this id, with its events. */
    StoredCall find(String id) {
        return store.find(id).orElseThrow(() -> new AssertionError("no call record " + id));
    }

    /**
     * Asserts that {@code call} is the complete record of a call through {@code trunk} that the callee
     * answered (180, then 200) and the caller hung up: disposition, status, side, the five events in
     * order and numbered from 1, and its times in the order the call went.
     */
    static void assertAnsweredAndHungUpByCaller(StoredCall call, String trunk) {
        SoftAssertions soft = new SoftAssertions();
        soft.assertThat(call.disposition()).as("disposition of %s", call.id()).isEqualTo(Disposition.ANSWERED);
        soft.assertThat(call.sipStatus()).as("sip status of %s", call.id()).isEqualTo(200);
        soft.assertThat(call.hangupSide()).as("hangup side of %s", call.id()).isEqualTo(HangupSide.CALLER);
        soft.assertThat(call.hangupCause()).as("hangup cause of %s", call.id()).isEqualTo("CALLER_HANGUP");
        soft.assertThat(call.trunk()).as("trunk of %s", call.id()).isEqualTo(trunk);
        soft.assertThat(call.attempts()).as("attempts of %s", call.id()).isEqualTo(1);
        soft.assertThat(call.transport()).as("transport of %s", call.id()).isEqualTo("UDP");
        soft.assertThat(call.toNumber()).as("encrypted dialled number of %s", call.id()).isNotBlank();
        soft.assertThat(call.events()).as("events of %s", call.id()).extracting(StoredEvent::type)
                .containsExactlyElementsOf(ANSWERED_TIMELINE);
        soft.assertThat(call.events()).as("event numbers of %s", call.id()).extracting(StoredEvent::seq)
                .containsExactly(1, 2, 3, 4, 5);
        soft.assertThat(call.events()).as("event times of %s", call.id()).extracting(StoredEvent::at)
                .isSorted();
        soft.assertThat(call.ringingAt()).as("ringing of %s", call.id()).isNotNull()
                .isAfterOrEqualTo(call.startedAt());
        soft.assertThat(call.answeredAt()).as("answer of %s", call.id()).isNotNull()
                .isAfterOrEqualTo(call.ringingAt());
        soft.assertThat(call.endedAt()).as("end of %s", call.id()).isAfterOrEqualTo(call.answeredAt());
        soft.assertThat(call.billedSeconds()).as("billed seconds of %s", call.id()).isPositive();
        soft.assertAll();
    }

    /** Asserts {@link #assertAnsweredAndHungUpByCaller} for every record in the database. */
    void assertEveryCallAnsweredAndHungUpByCaller(String trunk) {
        ids().forEach(id -> assertAnsweredAndHungUpByCaller(find(id), trunk));
    }

    /**
     * Asserts that every record's dialled number reads back as {@code e164} with {@code keys}, and that
     * its lookup HMAC is that number's: records replayed by another process are as readable as the rest.
     */
    void assertEveryCallDialled(String e164, KeyRing keys) {
        for (String id : ids()) {
            StoredCall call = find(id);
            assertThat(keys.cipher().decrypt(call.toNumber(), "calls.to_number")).as("dialled number of %s", id)
                    .isEqualTo(e164);
            assertThat(call.toNumberHmac()).as("lookup HMAC of %s", id).isEqualTo(keys.lookup().of(e164));
        }
    }

    private long count(String sql) {
        return jdbi.withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
    }
}
