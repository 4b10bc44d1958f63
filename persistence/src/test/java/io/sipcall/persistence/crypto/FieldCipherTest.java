package io.sipcall.persistence.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sipcall.config.EncryptionConfig;
import io.sipcall.config.Secret;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FieldCipherTest {

    private static final byte[] K1 = filled(1);
    private static final byte[] K2 = filled(2);
    private static final byte[] LOOKUP = filled(9);

    @Test
    void a_value_round_trips_and_its_ciphertext_names_the_key_but_not_the_value() {
        FieldCipher cipher = KeyRing.of(Map.of("k1", K1), "k1", LOOKUP).cipher();
        String stored = cipher.encrypt("+4930123456", "calls.to_number");
        assertThat(stored).startsWith("v1:k1:").doesNotContain("4930123456");
        assertThat(cipher.decrypt(stored, "calls.to_number")).isEqualTo("+4930123456");
    }

    @Test
    void the_same_value_encrypts_differently_each_time() {
        FieldCipher cipher = KeyRing.of(Map.of("k1", K1), "k1", LOOKUP).cipher();
        assertThat(cipher.encrypt("+4930123456", "c")).isNotEqualTo(cipher.encrypt("+4930123456", "c"));
    }

    @Test
    void values_written_under_an_old_key_still_decrypt_after_rotation() {
        String old = KeyRing.of(Map.of("k1", K1), "k1", LOOKUP).cipher().encrypt("secret", "trunks.auth_password");
        FieldCipher rotated = KeyRing.of(Map.of("k1", K1, "k2", K2), "k2", LOOKUP).cipher();
        assertThat(rotated.decrypt(old, "trunks.auth_password")).isEqualTo("secret");
        assertThat(FieldCipher.keyIdOf(rotated.encrypt("secret", "trunks.auth_password"))).isEqualTo("k2");
    }

    @Test
    void a_value_under_a_key_no_longer_configured_fails_naming_the_key() {
        String old = KeyRing.of(Map.of("k1", K1), "k1", LOOKUP).cipher().encrypt("secret", "c");
        FieldCipher withoutK1 = KeyRing.of(Map.of("k2", K2), "k2", LOOKUP).cipher();
        assertThatThrownBy(() -> withoutK1.decrypt(old, "c")).isInstanceOf(CryptoException.class)
                .hasMessageContaining("'k1'").hasMessageNotContaining("secret");
    }

    @Test
    void a_value_moved_to_another_column_or_tampered_with_does_not_decrypt() {
        FieldCipher cipher = KeyRing.of(Map.of("k1", K1), "k1", LOOKUP).cipher();
        String stored = cipher.encrypt("+4930123456", "calls.to_number");
        assertThatThrownBy(() -> cipher.decrypt(stored, "calls.from_number")).isInstanceOf(CryptoException.class);
        char[] chars = stored.toCharArray();
        int last = chars.length - 3;
        chars[last] = chars[last] == 'A' ? 'B' : 'A';
        assertThatThrownBy(() -> cipher.decrypt(new String(chars), "calls.to_number"))
                .isInstanceOf(CryptoException.class);
        assertThatThrownBy(() -> cipher.decrypt("plaintext", "calls.to_number")).isInstanceOf(CryptoException.class);
    }

    @Test
    void the_lookup_hash_is_stable_keyed_and_not_the_plain_digest() {
        LookupHash hash = KeyRing.of(Map.of("k1", K1), "k1", LOOKUP).lookup();
        LookupHash other = KeyRing.of(Map.of("k1", K1), "k1", filled(8)).lookup();
        assertThat(hash.of("+4930123456")).isEqualTo(hash.of("+4930123456")).hasSize(32);
        assertThat(hash.of("+4930123456")).isNotEqualTo(other.of("+4930123456"));
        assertThat(HexFormat.of().formatHex(hash.of("+4930123456"))).doesNotContain("4930123456");
    }

    @Test
    void configured_keys_are_used_as_given() {
        EncryptionConfig config = new EncryptionConfig("k2",
                Map.of("k1", secret(K1), "k2", secret(K2)), Optional.of(secret(LOOKUP)));
        KeyRing ring = KeyRing.load(config, Path.of("unused"));
        String stored = ring.cipher().encrypt("x", "c");
        assertThat(FieldCipher.keyIdOf(stored)).isEqualTo("k2");
        assertThat(KeyRing.of(Map.of("k2", K2), "k2", LOOKUP).cipher().decrypt(stored, "c")).isEqualTo("x");
    }

    @Test
    void without_configured_keys_generated_ones_are_kept_owner_only_and_reused(@TempDir Path dataDir) throws Exception {
        EncryptionConfig none = new EncryptionConfig("", Map.of(), Optional.empty());
        String stored = KeyRing.load(none, dataDir).cipher().encrypt("+4930123456", "c");
        assertThat(KeyRing.load(none, dataDir).cipher().decrypt(stored, "c")).isEqualTo("+4930123456");
        try (var files = Files.list(dataDir.resolve("secrets"))) {
            assertThat(files.toList()).isNotEmpty().allSatisfy(file -> assertThat(
                    PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------"));
        }
    }

    private static Secret secret(byte[] key) {
        return new Secret(Base64.getEncoder().encodeToString(key));
    }

    private static byte[] filled(int value) {
        byte[] key = new byte[32];
        Arrays.fill(key, (byte) value);
        return key;
    }
}
