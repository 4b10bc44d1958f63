package io.sipcall.persistence.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalTest {

    @TempDir
    Path dir;

    private final List<StoredCall> calls = Calls.answered("j", 5);

    @Test
    void records_appended_in_batches_read_back_equal_and_in_order_after_reopening() {
        try (Journal journal = Journal.open(dir)) {
            journal.append(calls.subList(0, 3));
            journal.append(calls.subList(3, 5));
        }
        try (Journal journal = Journal.open(dir)) {
            assertThat(journal.readAll()).containsExactlyElementsOf(calls);
        }
    }

    @Test
    void replay_hands_records_over_in_batches_of_the_size_asked() {
        List<Integer> sizes = new ArrayList<>();
        try (Journal journal = Journal.open(dir)) {
            journal.append(calls);
            assertThat(journal.replay(2, batch -> sizes.add(batch.size()))).isEqualTo(5);
        }
        assertThat(sizes).containsExactly(2, 2, 1);
    }

    @Test
    void a_torn_last_frame_is_dropped_and_cut_off() throws IOException {
        long whole;
        try (Journal journal = Journal.open(dir)) {
            journal.append(calls.subList(0, 3));
            whole = journal.size();
        }
        appendRaw(ByteBuffer.allocate(18).putInt(1_000).putInt(42).put(new byte[10]).flip());

        try (Journal journal = Journal.open(dir)) {
            assertThat(journal.readAll()).extracting(StoredCall::id).containsExactly("j-0", "j-1", "j-2");
            assertThat(journal.size()).isEqualTo(whole);
        }
        assertThat(damagedFiles()).isEmpty();
    }

    @Test
    void a_torn_frame_header_is_dropped_and_cut_off() throws IOException {
        long whole;
        try (Journal journal = Journal.open(dir)) {
            journal.append(calls.subList(0, 1));
            whole = journal.size();
        }
        appendRaw(ByteBuffer.wrap(new byte[] {0, 0, 1}));

        try (Journal journal = Journal.open(dir)) {
            assertThat(journal.readAll()).hasSize(1);
            assertThat(journal.size()).isEqualTo(whole);
        }
    }

    @Test
    void a_frame_failing_its_crc_stops_the_replay_and_the_rest_is_kept_aside_not_destroyed() throws IOException {
        long firstFrameEnd;
        long whole;
        try (Journal journal = Journal.open(dir)) {
            journal.append(calls.subList(0, 1));
            firstFrameEnd = journal.size();
            journal.append(calls.subList(1, 3));
            whole = journal.size();
        }
        flipByte(firstFrameEnd + Journal.HEADER_BYTES + 20);

        try (Journal journal = Journal.open(dir)) {
            assertThat(journal.readAll()).extracting(StoredCall::id).containsExactly("j-0");
            assertThat(journal.size()).isEqualTo(firstFrameEnd);
            journal.append(calls.subList(3, 4));
            assertThat(journal.readAll()).extracting(StoredCall::id).containsExactly("j-0", "j-3");
        }
        assertThat(damagedFiles()).singleElement().satisfies(aside ->
                assertThat(Files.size(aside)).isEqualTo(whole - firstFrameEnd));
    }

    @Test
    void reset_empties_the_spool_and_it_takes_new_records_after() {
        try (Journal journal = Journal.open(dir)) {
            journal.append(calls);
            journal.reset();
            assertThat(journal.size()).isZero();
            assertThat(journal.readAll()).isEmpty();
            journal.append(calls.subList(0, 1));
            assertThat(journal.readAll()).extracting(StoredCall::id).containsExactly("j-0");
        }
    }

    @Test
    void the_spool_has_no_age_while_empty_and_ages_from_its_first_append_until_reset() {
        try (Journal journal = Journal.open(dir)) {
            assertThat(journal.age()).isZero();
            journal.append(calls.subList(0, 1));
            assertThat(journal.age()).isPositive();
            journal.reset();
            assertThat(journal.age()).isZero();
        }
    }

    @Test
    void only_one_writer_may_hold_the_spool() {
        try (Journal ignored = Journal.open(dir)) {
            assertThatThrownBy(() -> Journal.open(dir)).isInstanceOf(SpoolException.class)
                    .hasMessageContaining("already open");
        }
    }

    @Test
    void the_spool_is_readable_by_its_owner_only_and_holds_no_plaintext_number() throws IOException {
        Path spool = dir.resolve("spool");
        try (Journal journal = Journal.open(spool)) {
            journal.append(calls);
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(spool))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(spool.resolve(Journal.FILE_NAME))))
                .isEqualTo("rw-------");
        assertThat(Files.readString(spool.resolve(Journal.FILE_NAME), java.nio.charset.StandardCharsets.ISO_8859_1))
                .doesNotContain(Calls.plaintexts());
    }

    private void appendRaw(ByteBuffer bytes) throws IOException {
        try (FileChannel channel = FileChannel.open(dir.resolve(Journal.FILE_NAME), StandardOpenOption.APPEND)) {
            channel.write(bytes);
        }
    }

    private void flipByte(long position) throws IOException {
        try (FileChannel channel = FileChannel.open(dir.resolve(Journal.FILE_NAME), StandardOpenOption.READ,
                StandardOpenOption.WRITE)) {
            ByteBuffer one = ByteBuffer.allocate(1);
            channel.read(one, position);
            one.put(0, (byte) (one.get(0) ^ 0x01)).rewind();
            channel.write(one, position);
        }
    }

    private List<Path> damagedFiles() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().startsWith(Journal.FILE_NAME + ".damaged-")).toList();
        }
    }
}
