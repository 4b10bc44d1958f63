package io.sipcall.persistence.directory;

import io.sipcall.config.RateConfig;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * The {@code rates} table, on a handle the caller holds. A rate is keyed by its trunk and its
 * canonical E.164 prefix.
 */
final class RateRows {

    private static final String COLUMNS = "prefix, trunk, price_per_minute, currency";

    Optional<RateConfig> find(Handle handle, String trunk, String prefix, boolean lock) {
        return handle.createQuery("SELECT " + COLUMNS + " FROM rates WHERE trunk = :trunk AND prefix = :prefix"
                        + (lock ? " FOR UPDATE" : ""))
                .bind("trunk", trunk)
                .bind("prefix", prefix)
                .map(RateRows::rate)
                .findOne();
    }

    /** Every rate, ordered by trunk, then prefix. */
    List<RateConfig> all(Handle handle) {
        return handle.createQuery("SELECT " + COLUMNS + " FROM rates ORDER BY trunk, prefix")
                .map(RateRows::rate)
                .list();
    }

    /**
     * The currency every rate but {@code trunk}'s {@code prefix} is in, if there are any. Takes a lock
     * that keeps other rate writers out until the transaction ends, so two rates in different
     * currencies cannot be written side by side.
     */
    Optional<String> currencyOfOthers(Handle handle, String trunk, String prefix) {
        handle.execute("LOCK TABLE rates IN SHARE ROW EXCLUSIVE MODE");
        return handle.createQuery("SELECT currency FROM rates WHERE NOT (trunk = :trunk AND prefix = :prefix) LIMIT 1")
                .bind("trunk", trunk)
                .bind("prefix", prefix)
                .mapTo(String.class)
                .findOne();
    }

    /** How many rates {@code trunk} has. */
    int countOf(Handle handle, String trunk) {
        return handle.createQuery("SELECT count(*) FROM rates WHERE trunk = :trunk")
                .bind("trunk", trunk)
                .mapTo(Integer.class)
                .one();
    }

    void insert(Handle handle, RateConfig rate) {
        handle.createUpdate("INSERT INTO rates (" + COLUMNS + ") VALUES (:prefix, :trunk, :price, :currency)")
                .bind("prefix", rate.prefix())
                .bind("trunk", rate.trunk())
                .bind("price", rate.pricePerMinute())
                .bind("currency", rate.currency())
                .execute();
    }

    void update(Handle handle, RateConfig rate) {
        handle.createUpdate("UPDATE rates SET price_per_minute = :price, currency = :currency "
                        + "WHERE trunk = :trunk AND prefix = :prefix")
                .bind("prefix", rate.prefix())
                .bind("trunk", rate.trunk())
                .bind("price", rate.pricePerMinute())
                .bind("currency", rate.currency())
                .execute();
    }

    boolean delete(Handle handle, String trunk, String prefix) {
        return handle.createUpdate("DELETE FROM rates WHERE trunk = :trunk AND prefix = :prefix")
                .bind("trunk", trunk)
                .bind("prefix", prefix)
                .execute() > 0;
    }

    private static RateConfig rate(ResultSet rs, StatementContext ctx) throws SQLException {
        return new RateConfig(rs.getString("prefix"), rs.getString("trunk"),
                EntryRules.canonical(rs.getBigDecimal("price_per_minute")), rs.getString("currency"));
    }
}
