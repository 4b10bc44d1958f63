package io.sipcall.sip.trunk;

import static org.assertj.core.api.Assertions.assertThat;

import io.sipcall.config.TrunkConfig;
import io.sipcall.config.Transport;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class TrunkLimiterTest {

    private final AtomicLong nanos = new AtomicLong();
    private final AtomicReference<Map<String, TrunkConfig>> directory = new AtomicReference<>(Map.of());
    private final TrunkLimiter limiter = new TrunkLimiter(directory::get, nanos::get);

    @Test
    void a_trunk_added_to_the_directory_later_is_limited_from_its_first_call() {
        assertThat(limiter.tryAcquire("telnyx")).as("unknown trunks are not limited").isTrue();

        directory.set(Map.of("telnyx", limited(1, 0)));

        assertThat(limiter.tryAcquire("telnyx")).isTrue();
        assertThat(limiter.tryAcquire("telnyx")).as("one channel").isFalse();
    }

    @Test
    void a_changed_limit_applies_at_once_and_keeps_the_channels_in_use() {
        directory.set(Map.of("telnyx", limited(1, 0)));
        assertThat(limiter.tryAcquire("telnyx")).isTrue();

        directory.set(Map.of("telnyx", limited(2, 0)));

        assertThat(limiter.channelsInUse("telnyx")).isEqualTo(1);
        assertThat(limiter.tryAcquire("telnyx")).isTrue();
        assertThat(limiter.tryAcquire("telnyx")).isFalse();
        limiter.release("telnyx");
        assertThat(limiter.channelsInUse("telnyx")).isEqualTo(1);
    }

    @Test
    void the_calls_per_second_bucket_refills_with_time() {
        directory.set(Map.of("telnyx", limited(0, 2)));
        assertThat(limiter.tryAcquire("telnyx")).isTrue();
        assertThat(limiter.tryAcquire("telnyx")).isTrue();
        assertThat(limiter.tryAcquire("telnyx")).isFalse();

        nanos.addAndGet(500_000_000L);

        assertThat(limiter.tryAcquire("telnyx")).isTrue();
        assertThat(limiter.tryAcquire("telnyx")).isFalse();
    }

    private static TrunkConfig limited(int channels, double perSecond) {
        TrunkConfig plain = TrunkConfig.simple("sip.example.net", 5060, Transport.UDP);
        return new TrunkConfig(plain.preset(), plain.host(), plain.port(), plain.transport(), plain.outboundProxy(),
                plain.auth(), plain.registration(), plain.numberFormat(), plain.techPrefix(), plain.callerId(),
                plain.priority(), channels, perSecond);
    }
}
