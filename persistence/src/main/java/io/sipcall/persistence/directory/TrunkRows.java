package io.sipcall.persistence.directory;

import io.sipcall.config.Secret;
import io.sipcall.config.Transport;
import io.sipcall.config.TrunkConfig;
import io.sipcall.config.TrunkConfig.AuthMode;
import io.sipcall.config.TrunkConfig.NumberFormat;
import io.sipcall.config.TrunkConfig.RegistrationConfig;
import io.sipcall.config.TrunkConfig.TrunkAuth;
import io.sipcall.config.TrunkConfig.TrunkPreset;
import io.sipcall.persistence.crypto.FieldCipher;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.Update;

/**
 * The {@code trunks} table, on a handle the caller holds. The digest password and the caller ID are
 * encrypted under the contexts {@code trunks.auth_password} and {@code trunks.caller_id}; enums are
 * stored by name ({@code TELNYX}, {@code TLS}, {@code E164_PLUS}).
 */
final class TrunkRows {

    static final String PASSWORD = "trunks.auth_password";
    static final String CALLER_ID = "trunks.caller_id";
    private static final String COLUMNS = "name, preset, host, port, transport, outbound_proxy, auth_mode, "
            + "auth_username, auth_password, registration_enabled, registration_expiry_s, number_format, "
            + "tech_prefix, caller_id, priority, max_channels, max_calls_per_second";

    private final FieldCipher cipher;

    TrunkRows(FieldCipher cipher) {
        this.cipher = cipher;
    }

    /** The trunk {@code name}; with {@code lock}, its row stays locked until the transaction ends. */
    Optional<TrunkConfig> find(Handle handle, String name, boolean lock) {
        return handle.createQuery("SELECT " + COLUMNS + " FROM trunks WHERE name = :name" + (lock ? " FOR UPDATE" : ""))
                .bind("name", name)
                .map(this::trunk)
                .findOne();
    }

    /** Every trunk, by name in name order. */
    Map<String, TrunkConfig> all(Handle handle) {
        Map<String, TrunkConfig> trunks = new LinkedHashMap<>();
        handle.createQuery("SELECT " + COLUMNS + " FROM trunks ORDER BY name")
                .map((rs, ctx) -> Map.entry(rs.getString("name"), trunk(rs, ctx)))
                .forEach(entry -> trunks.put(entry.getKey(), entry.getValue()));
        return trunks;
    }

    void insert(Handle handle, String name, TrunkConfig trunk) {
        bindColumns(handle.createUpdate("INSERT INTO trunks (" + COLUMNS + ") VALUES (:name, :preset, :host, :port, "
                + ":transport, :outbound_proxy, :auth_mode, :auth_username, :auth_password, :registration_enabled, "
                + ":registration_expiry_s, :number_format, :tech_prefix, :caller_id, :priority, :max_channels, "
                + ":max_calls_per_second)"), name, trunk).execute();
    }

    void update(Handle handle, String name, TrunkConfig trunk) {
        bindColumns(handle.createUpdate("UPDATE trunks SET preset = :preset, host = :host, port = :port, "
                + "transport = :transport, outbound_proxy = :outbound_proxy, auth_mode = :auth_mode, "
                + "auth_username = :auth_username, auth_password = :auth_password, "
                + "registration_enabled = :registration_enabled, registration_expiry_s = :registration_expiry_s, "
                + "number_format = :number_format, tech_prefix = :tech_prefix, caller_id = :caller_id, "
                + "priority = :priority, max_channels = :max_channels, max_calls_per_second = :max_calls_per_second, "
                + "updated_at = now() WHERE name = :name"), name, trunk).execute();
    }

    /** Deletes {@code name} and its rates (cascade); whether it existed. */
    boolean delete(Handle handle, String name) {
        return handle.createUpdate("DELETE FROM trunks WHERE name = :name").bind("name", name).execute() > 0;
    }

    private Update bindColumns(Update update, String name, TrunkConfig trunk) {
        return update.bind("name", name)
                .bind("preset", trunk.preset().name())
                .bind("host", trunk.host())
                .bind("port", trunk.port())
                .bind("transport", trunk.transport().name())
                .bind("outbound_proxy", trunk.outboundProxy().orElse(null))
                .bind("auth_mode", trunk.auth().mode().name())
                .bind("auth_username", trunk.auth().username())
                .bind("auth_password", cipher.encryptNullable(trunk.auth().password().map(Secret::reveal).orElse(null),
                        PASSWORD))
                .bind("registration_enabled", trunk.registration().enabled())
                .bind("registration_expiry_s", (int) trunk.registration().expiry().toSeconds())
                .bind("number_format", trunk.numberFormat().name())
                .bind("tech_prefix", trunk.techPrefix())
                .bind("caller_id", cipher.encryptNullable(trunk.callerId().orElse(null), CALLER_ID))
                .bind("priority", trunk.priority())
                .bind("max_channels", trunk.maxChannels())
                .bind("max_calls_per_second", trunk.maxCallsPerSecond());
    }

    private TrunkConfig trunk(ResultSet rs, StatementContext ctx) throws SQLException {
        TrunkAuth auth = new TrunkAuth(AuthMode.valueOf(rs.getString("auth_mode")), rs.getString("auth_username"),
                Optional.ofNullable(cipher.decryptNullable(rs.getString("auth_password"), PASSWORD)).map(Secret::new));
        RegistrationConfig registration = new RegistrationConfig(rs.getBoolean("registration_enabled"),
                Duration.ofSeconds(rs.getInt("registration_expiry_s")));
        return new TrunkConfig(TrunkPreset.valueOf(rs.getString("preset")), rs.getString("host"), rs.getInt("port"),
                Transport.valueOf(rs.getString("transport")), Optional.ofNullable(rs.getString("outbound_proxy")),
                auth, registration, NumberFormat.valueOf(rs.getString("number_format")), rs.getString("tech_prefix"),
                Optional.ofNullable(cipher.decryptNullable(rs.getString("caller_id"), CALLER_ID)),
                rs.getInt("priority"), rs.getInt("max_channels"), rs.getDouble("max_calls_per_second"));
    }
}
