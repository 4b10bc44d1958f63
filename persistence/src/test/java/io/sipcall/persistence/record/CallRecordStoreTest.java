package io.sipcall.persistence.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sipcall.persistence.Database;
import io.sipcall.persistence.testing.TestDatabase;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CallRecordStoreTest {

    private final Database db = TestDatabase.fresh();
    private final CallRecordStore store = new CallRecordStore(db.jdbi());

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void a_stored_record_reads_back_equal_with_its_events() {
        StoredCall call = Calls.answered("s-1");

        assertThat(store.insert(List.of(call))).isEqualTo(1);

        assertThat(store.find("s-1")).get().usingRecursiveComparison()
                .withComparatorForType(java.math.BigDecimal::compareTo, java.math.BigDecimal.class)
                .isEqualTo(call);
        assertThat(store.find("nope")).isEmpty();
    }

    @Test
    void inserting_records_again_adds_no_row_and_no_event() {
        List<StoredCall> calls = Calls.answered("s", 3);
        store.insert(calls.subList(0, 2));

        int fresh = store.insert(List.of(calls.get(0), calls.get(1), calls.get(2), calls.get(2)));

        assertThat(fresh).isEqualTo(1);
        assertThat(store.count()).isEqualTo(3);
        assertThat(Tables.eventRows(db)).isEqualTo(3L * calls.get(0).events().size());
    }

    @Test
    void a_record_the_database_refuses_is_told_apart_from_an_unreachable_database() {
        StoredCall call = Calls.answered("s-bad");
        StoredCall bad = Calls.withDuration(call, -1);

        assertThatThrownBy(() -> store.insert(List.of(bad))).isInstanceOf(RecordRejectedException.class);
        db.close();
        assertThatThrownBy(() -> store.insert(List.of(call))).isInstanceOf(DatabaseUnavailableException.class);
    }

    @Test
    void the_calls_table_holds_no_plaintext_number() {
        store.insert(Calls.answered("s", 2));

        assertThat(Tables.callsAsText(db)).isNotEmpty().doesNotContain(Calls.plaintexts());
    }
}
