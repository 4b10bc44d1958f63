package io.sipcall.config;

import java.util.List;
import java.util.Objects;

/**
 * One row of the routing table: dialled numbers starting with {@code prefix} go to the first of
 * {@code trunks} (later entries are failover candidates).
 *
 * @param prefix digits (optionally with a leading {@code +}) the dialled number starts with; the
 *               empty prefix matches everything; key {@code routes[i].prefix}
 * @param trunks names of trunks defined under {@code trunks}; key {@code routes[i].trunks}
 */
public record RouteConfig(String prefix, List<String> trunks) {

    public RouteConfig {
        Objects.requireNonNull(prefix, "prefix");
        trunks = trunks == null ? List.of() : List.copyOf(trunks);
    }
}
