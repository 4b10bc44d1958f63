package io.sipcall.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The database, encryption and retention sections: binding, defaults, environment and rules. */
class StorageConfigTest {

    private static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);
    private static final String SHORT_KEY = Base64.getEncoder().encodeToString(new byte[16]);

    @TempDir
    Path tmp;

    private ConfigFiles files;
    private Rejections rejections;

    @BeforeEach
    void setUp() {
        files = new ConfigFiles(tmp);
        rejections = new Rejections(files);
    }

    @Test
    void the_defaults_run_the_embedded_database_with_generated_keys() {
        SipCallConfig config = ConfigLoader.load(Optional.empty(), Map.of());

        assertThat(config.database().embedded()).isTrue();
        assertThat(config.database().poolSize()).isEqualTo(10);
        assertThat(config.database().retryInterval()).isEqualTo(Duration.ofSeconds(2));
        assertThat(config.encryption().generated()).isTrue();
        assertThat(config.retention()).isEqualTo(new RetentionConfig(365, 730, Duration.ofHours(1)));
    }

    @Test
    void a_database_url_and_its_password_come_from_the_environment() {
        SipCallConfig config = files.load("", Map.of(
                "SIPCALL_DATABASE_URL", "jdbc:postgresql://db:5432/sipcall",
                "SIPCALL_DATABASE_PASSWORD_FILE", files.write("pw", "s3cret\n").toString()));

        assertThat(config.database().embedded()).isFalse();
        assertThat(config.database().url()).contains("jdbc:postgresql://db:5432/sipcall");
        assertThat(config.database().password()).map(Secret::reveal).contains("s3cret");
        assertThat(config.database().toString()).doesNotContain("s3cret");
    }

    @Test
    void encryption_keys_bind_by_id_from_file_or_environment() {
        SipCallConfig config = files.load("encryption: {active-key: k2, keys: {k1: '" + KEY + "'}}\n", Map.of(
                "SIPCALL_ENCRYPTION_KEYS_K2", KEY,
                "SIPCALL_ENCRYPTION_LOOKUP_KEY", KEY));

        assertThat(config.encryption().keys()).containsOnlyKeys("k1", "k2");
        assertThat(config.encryption().activeKey()).isEqualTo("k2");
        assertThat(config.encryption().lookupKey()).map(Secret::reveal).contains(KEY);
    }

    @Test
    void the_database_url_must_be_a_postgresql_jdbc_url() {
        rejections.rejects("database: {url: 'mysql://db/x'}\n", "database.url").hasMessageContaining("jdbc:postgresql:");
    }

    @Test
    void database_durations_must_be_positive() {
        rejections.rejects("database: {retry-interval: 0s}\n", "database.retry-interval");
        rejections.rejects("database: {pool-size: 0}\n", "database.pool-size");
    }

    @Test
    void keys_must_be_32_bytes_of_base64_and_the_error_never_shows_them() {
        rejections.rejects(keys("k1: '" + SHORT_KEY + "'", "k1", KEY), "encryption.keys.k1")
                .hasMessageContaining("32 bytes").hasMessageNotContaining(SHORT_KEY);
        rejections.rejects(keys("k1: 'not base64!'", "k1", KEY), "encryption.keys.k1").hasMessageContaining("base64");
    }

    @Test
    void the_active_key_must_be_one_of_the_keys() {
        rejections.rejects(keys("k1: '" + KEY + "'", "k9", KEY), "encryption.active-key").hasMessageContaining("k9");
        rejections.rejects(keys("k1: '" + KEY + "'", "", KEY), "encryption.active-key");
        rejections.rejects("encryption: {active-key: k1}\n", "encryption.active-key");
    }

    @Test
    void keys_need_a_lookup_key_of_32_bytes_or_more() {
        rejections.rejects("encryption: {active-key: k1, keys: {k1: '" + KEY + "'}}\n", "encryption.lookup-key");
        rejections.rejects(keys("k1: '" + KEY + "'", "k1", SHORT_KEY), "encryption.lookup-key");
        rejections.rejects("encryption: {lookup-key: '" + KEY + "'}\n", "encryption.keys");
    }

    @Test
    void key_ids_are_simple_names() {
        rejections.rejects(keys("'k:1': '" + KEY + "'", "k:1", KEY), "encryption.keys.k:1");
    }

    @Test
    void retention_is_between_1_and_36500_days_and_runs_at_least_every_second() {
        rejections.rejects("retention: {call-records-days: 0}\n", "retention.call-records-days");
        rejections.rejects("retention: {audit-log-days: 40000}\n", "retention.audit-log-days");
        rejections.rejects("retention: {interval: 10ms}\n", "retention.interval");
    }

    private static String keys(String entries, String active, String lookup) {
        return "encryption:\n  active-key: '" + active + "'\n  keys: {" + entries + "}\n  lookup-key: '" + lookup + "'\n";
    }
}
