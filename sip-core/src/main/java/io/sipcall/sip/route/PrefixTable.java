package io.sipcall.sip.route;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Values keyed by E.164 prefix, looked up by longest match. Immutable. Tables here hold tens of rows,
 * so a scan of the rows sorted longest first beats a trie in both size and speed.
 *
 * @param <V> the value of a row
 */
final class PrefixTable<V> {

    private final List<Row<V>> rows;

    /** One row: a canonical E.164 prefix ({@link Numbers#e164Prefix}) and its value. */
    record Row<V>(String prefix, V value) {
    }

    private PrefixTable(List<Row<V>> rows) {
        this.rows = rows;
    }

    /** A table of these rows; among equal prefixes the first given wins. */
    static <V> PrefixTable<V> of(List<Row<V>> rows) {
        List<Row<V>> sorted = new ArrayList<>(rows);
        sorted.sort(Comparator.comparingInt((Row<V> row) -> row.prefix().length()).reversed());
        return new PrefixTable<>(List.copyOf(sorted));
    }

    /** A table of prefixes only, each mapped to itself: for allow- and deny-lists. */
    static PrefixTable<String> ofPrefixes(List<String> configured, String key) {
        List<Row<String>> rows = new ArrayList<>();
        for (int i = 0; i < configured.size(); i++) {
            String prefix = Numbers.e164Prefix(configured.get(i), key + "[" + i + "]");
            rows.add(new Row<>(prefix, prefix));
        }
        return of(rows);
    }

    /** The row with the longest prefix {@code number} starts with. */
    Optional<Row<V>> longestMatch(E164Number number) {
        for (Row<V> row : rows) {
            if (number.startsWith(row.prefix())) {
                return Optional.of(row);
            }
        }
        return Optional.empty();
    }

    boolean isEmpty() {
        return rows.isEmpty();
    }
}
