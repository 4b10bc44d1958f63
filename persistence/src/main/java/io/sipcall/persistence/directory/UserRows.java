package io.sipcall.persistence.directory;

import io.sipcall.config.UserConfig;
import io.sipcall.config.UserConfig.SipCredential;
import io.sipcall.persistence.crypto.FieldCipher;
import java.math.BigDecimal;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.Update;

/**
 * The {@code users} and {@code sip_credentials} tables, on a handle the caller holds (and whose
 * transaction it owns). The caller ID is encrypted under the context {@code users.caller_id}.
 */
final class UserRows {

    static final String CALLER_ID = "users.caller_id";
    private static final String SELECT = "SELECT u.id, u.display_name, u.role, u.default_country, u.caller_id, "
            + "u.max_concurrent_calls, u.daily_spend_cap, u.allowed_prefixes, "
            + "c.username, c.ha1_md5, c.ha1_sha256 FROM users u LEFT JOIN sip_credentials c ON c.user_id = u.id ";

    private final FieldCipher cipher;

    UserRows(FieldCipher cipher) {
        this.cipher = cipher;
    }

    /** The user {@code id}; with {@code lock}, its row stays locked until the transaction ends. */
    Optional<UserConfig> find(Handle handle, String id, boolean lock) {
        return handle.createQuery(SELECT + "WHERE u.id = :id" + (lock ? " FOR UPDATE OF u" : ""))
                .bind("id", id)
                .map(this::user)
                .findOne();
    }

    /** Every user, by id in id order. */
    Map<String, UserConfig> all(Handle handle) {
        Map<String, UserConfig> users = new LinkedHashMap<>();
        handle.createQuery(SELECT + "ORDER BY u.id")
                .map((rs, ctx) -> Map.entry(rs.getString("id"), user(rs, ctx)))
                .forEach(entry -> users.put(entry.getKey(), entry.getValue()));
        return users;
    }

    /** The id of the user whose SIP credential has this user name. */
    Optional<String> credentialOwner(Handle handle, String sipUsername) {
        return handle.createQuery("SELECT user_id FROM sip_credentials WHERE username = :username")
                .bind("username", sipUsername)
                .mapTo(String.class)
                .findOne();
    }

    void insert(Handle handle, String id, UserConfig user) {
        bindColumns(handle.createUpdate("INSERT INTO users (id, display_name, role, default_country, caller_id, "
                        + "max_concurrent_calls, daily_spend_cap, allowed_prefixes) VALUES (:id, :display_name, "
                        + ":role, :default_country, :caller_id, :max_concurrent_calls, :daily_spend_cap, "
                        + ":allowed_prefixes)"), id, user)
                .execute();
        user.sip().ifPresent(sip -> insertCredential(handle, id, sip));
    }

    /** Replaces the columns of {@code id}, and its credential when that changed. */
    void update(Handle handle, String id, UserConfig before, UserConfig after) {
        bindColumns(handle.createUpdate("UPDATE users SET display_name = :display_name, role = :role, "
                        + "default_country = :default_country, caller_id = :caller_id, "
                        + "max_concurrent_calls = :max_concurrent_calls, daily_spend_cap = :daily_spend_cap, "
                        + "allowed_prefixes = :allowed_prefixes, updated_at = now() WHERE id = :id"), id, after)
                .execute();
        if (!before.sip().equals(after.sip())) {
            handle.createUpdate("DELETE FROM sip_credentials WHERE user_id = :id").bind("id", id).execute();
            after.sip().ifPresent(sip -> insertCredential(handle, id, sip));
        }
    }

    /** Deletes {@code id} with its credential and registrations (cascade); whether it existed. */
    boolean delete(Handle handle, String id) {
        return handle.createUpdate("DELETE FROM users WHERE id = :id").bind("id", id).execute() > 0;
    }

    private Update bindColumns(Update update, String id, UserConfig user) {
        return update.bind("id", id)
                .bind("display_name", user.displayName())
                .bind("role", user.role().name())
                .bind("default_country", user.defaultCountry())
                .bind("caller_id", cipher.encryptNullable(user.callerId().orElse(null), CALLER_ID))
                .bind("max_concurrent_calls", user.maxConcurrentCalls())
                .bind("daily_spend_cap", user.dailySpendCap().orElse(null))
                .bind("allowed_prefixes", user.allowedPrefixes().toArray(String[]::new));
    }

    private static void insertCredential(Handle handle, String id, SipCredential sip) {
        handle.createUpdate("INSERT INTO sip_credentials (username, user_id, ha1_md5, ha1_sha256) "
                        + "VALUES (:username, :user_id, :ha1_md5, :ha1_sha256)")
                .bind("username", sip.username())
                .bind("user_id", id)
                .bind("ha1_md5", sip.ha1Md5())
                .bind("ha1_sha256", sip.ha1Sha256())
                .execute();
    }

    private UserConfig user(ResultSet rs, StatementContext ctx) throws SQLException {
        String username = rs.getString("username");
        Optional<SipCredential> sip = username == null ? Optional.empty()
                : Optional.of(new SipCredential(username, rs.getString("ha1_md5"), rs.getString("ha1_sha256")));
        BigDecimal cap = rs.getBigDecimal("daily_spend_cap");
        return new UserConfig(rs.getString("display_name"), UserConfig.Role.valueOf(rs.getString("role")),
                rs.getString("default_country"),
                Optional.ofNullable(cipher.decryptNullable(rs.getString("caller_id"), CALLER_ID)), sip,
                rs.getInt("max_concurrent_calls"), Optional.ofNullable(cap).map(EntryRules::canonical),
                strings(rs.getArray("allowed_prefixes")));
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : List.of((String[]) array.getArray());
    }
}
