package io.sipcall.sip.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class NonceServiceTest {

    static final Duration LIFETIME = Duration.ofMinutes(5);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T12:00:00Z"));
    private final NonceService nonces = new NonceService(clock, LIFETIME);

    @Test
    void a_fresh_nonce_is_valid_and_each_higher_nc_too() {
        String nonce = nonces.issue();

        assertThat(nonces.check(nonce, "00000001")).isEqualTo(NonceCheck.VALID);
        assertThat(nonces.check(nonce, "00000002")).isEqualTo(NonceCheck.VALID);
        assertThat(nonces.check(nonce, "0000000A")).isEqualTo(NonceCheck.VALID);
    }

    @Test
    void an_nc_not_above_the_highest_seen_is_a_replay() {
        String nonce = nonces.issue();
        nonces.check(nonce, "00000002");

        assertThat(nonces.check(nonce, "00000002")).isEqualTo(NonceCheck.REPLAY);
        assertThat(nonces.check(nonce, "00000001")).isEqualTo(NonceCheck.REPLAY);
        assertThat(nonces.check(nonce, "00000003")).isEqualTo(NonceCheck.VALID);
    }

    @Test
    void without_nc_a_nonce_is_good_for_one_request() {
        String nonce = nonces.issue();

        assertThat(nonces.check(nonce, null)).isEqualTo(NonceCheck.VALID);
        assertThat(nonces.check(nonce, null)).isEqualTo(NonceCheck.REPLAY);
    }

    @Test
    void nonces_are_unique_even_within_one_millisecond() {
        String a = nonces.issue();
        String b = nonces.issue();

        assertThat(a).isNotEqualTo(b).matches("[A-Za-z0-9_-]{43}");
        assertThat(nonces.check(a, "00000001")).isEqualTo(NonceCheck.VALID);
        assertThat(nonces.check(b, "00000001")).isEqualTo(NonceCheck.VALID);
    }

    @Test
    void an_expired_nonce_is_stale_not_invalid() {
        String nonce = nonces.issue();
        clock.advance(LIFETIME.minusMillis(1));
        assertThat(nonces.check(nonce, "00000001")).isEqualTo(NonceCheck.VALID);

        clock.advance(Duration.ofMillis(1));
        assertThat(nonces.check(nonce, "00000002")).isEqualTo(NonceCheck.STALE);
    }

    @Test
    void a_tampered_nonce_is_invalid() {
        String nonce = nonces.issue();
        char[] chars = nonce.toCharArray();
        chars[3] = chars[3] == 'A' ? 'B' : 'A';

        assertThat(nonces.check(new String(chars), "00000001")).isEqualTo(NonceCheck.INVALID);
    }

    @Test
    void a_nonce_with_a_forged_issue_time_is_invalid() {
        byte[] raw = Base64.getUrlDecoder().decode(nonces.issue());
        raw[7]++; // the last byte of the issue time: makes an old nonce look younger

        assertThat(nonces.check(Base64.getUrlEncoder().withoutPadding().encodeToString(raw), "00000001"))
                .isEqualTo(NonceCheck.INVALID);
    }

    @Test
    void another_instances_nonce_is_invalid() {
        String foreign = new NonceService(clock, LIFETIME).issue();

        assertThat(nonces.check(foreign, "00000001")).isEqualTo(NonceCheck.INVALID);
    }

    @Test
    void garbage_is_invalid() {
        assertThat(nonces.check(null, "00000001")).isEqualTo(NonceCheck.INVALID);
        assertThat(nonces.check("", "00000001")).isEqualTo(NonceCheck.INVALID);
        assertThat(nonces.check("not base64 at all!", "00000001")).isEqualTo(NonceCheck.INVALID);
        assertThat(nonces.check("AAAA", "00000001")).isEqualTo(NonceCheck.INVALID);
        assertThat(nonces.check("x".repeat(10_000), "00000001")).isEqualTo(NonceCheck.INVALID);
    }

    @Test
    void a_garbled_nc_is_invalid() {
        String nonce = nonces.issue();

        assertThat(nonces.check(nonce, "1")).isEqualTo(NonceCheck.INVALID);
        assertThat(nonces.check(nonce, "0000000g")).isEqualTo(NonceCheck.INVALID);
        assertThat(nonces.check(nonce, "000000001")).isEqualTo(NonceCheck.INVALID);
    }

    @Test
    void expired_entries_leave_the_nc_table() {
        NonceService small = new NonceService(clock, LIFETIME, 8);
        for (int i = 0; i < 8; i++) {
            small.check(small.issue(), "00000001");
        }
        clock.advance(LIFETIME);
        String fresh = small.issue();

        assertThat(small.check(fresh, "00000001")).isEqualTo(NonceCheck.VALID);
        assertThat(small.tracked()).isEqualTo(1);
    }

    @Test
    void the_nc_table_is_bounded_and_an_evicted_nonce_cannot_be_replayed() {
        NonceService small = new NonceService(clock, LIFETIME, 8);
        List<String> issued = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String nonce = small.issue();
            issued.add(nonce);
            assertThat(small.check(nonce, "00000001")).isEqualTo(NonceCheck.VALID);
            clock.advance(Duration.ofMillis(1));
        }

        assertThat(small.tracked()).isLessThanOrEqualTo(8);
        // Every nonce either is still tracked (a replay is caught) or was evicted (it is now stale).
        for (String nonce : issued) {
            assertThat(small.check(nonce, "00000001")).isIn(NonceCheck.REPLAY, NonceCheck.STALE);
        }
        assertThat(small.check(small.issue(), "00000001")).isEqualTo(NonceCheck.VALID);
    }
}
