package io.sipcall.persistence.record.bench;

import io.sipcall.config.Transport;
import io.sipcall.config.UserConfig;
import io.sipcall.persistence.crypto.KeyRing;
import io.sipcall.persistence.record.CallRecorder;
import io.sipcall.persistence.record.StoredCall;
import io.sipcall.sip.directory.ConfigDirectory;
import io.sipcall.sip.port.CallEventSink.CallStart;
import io.sipcall.sip.port.CallId;
import io.sipcall.sip.port.EndReason;
import io.sipcall.sip.port.RouteDecision;
import io.sipcall.sip.route.NumberNormaliser;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Realistic call records, made the way production makes them: a real {@link CallRecorder} (AES-GCM
 * numbers, the dialled number's lookup HMAC, libphonenumber normalisation) is fed one answered call's
 * five events (started, routed, ringing, answered, ended) per record. Callers, dialled numbers,
 * users, trunks, ring and talk times vary from call to call; every record has its own id. Not
 * thread-safe.
 */
final class BenchCalls {

    private static final Instant EPOCH = Instant.parse("2026-11-21T08:00:00Z");
    private static final String[] TRUNKS = {"telnyx", "sipgate", "twilio"};
    private static final String[] PRICES = {"0.0100", "0.0125", "0.0042"};

    private final SplittableRandom random;
    private final SteppingClock clock = new SteppingClock();
    private final List<StoredCall> built = new ArrayList<>(1);
    private final CallRecorder recorder;
    private final String prefix;
    private long sequence;

    /** Calls with ids {@code prefix-0}, {@code prefix-1} ...; the same seed gives the same calls. */
    BenchCalls(String prefix, long seed) {
        this.prefix = prefix;
        this.random = new SplittableRandom(seed);
        byte[] aes = new byte[32];
        byte[] lookup = new byte[32];
        random.nextBytes(aes);
        random.nextBytes(lookup);
        KeyRing keys = KeyRing.of(Map.of("bench1", aes), "bench1", lookup);
        ConfigDirectory users = new ConfigDirectory(Map.of("alice", user("DE"), "bob", user("US"),
                "carol", user("GB")), Map.of());
        this.recorder = new CallRecorder(keys, users, new NumberNormaliser("US"), Currency.getInstance("EUR"), clock,
                built::add);
    }

    /** The next call's record. */
    StoredCall next() {
        long n = sequence++;
        CallId id = new CallId(prefix + "-" + n);
        int who = random.nextInt(3);
        int trunk = random.nextInt(TRUNKS.length);
        clock.set(EPOCH.plusMillis(n * 7 + random.nextInt(5)));
        recorder.onStarted(id, new CallStart(caller(), dialled(who), who == 1 ? "UDP" : "TLS",
                Optional.of(new String[] {"alice", "bob", "carol"}[who])));
        clock.advance(20 + random.nextInt(60));
        recorder.onRouted(id, new RouteDecision.Target(TRUNKS[trunk], TRUNKS[trunk] + ".example.net", 5060,
                Transport.UDP, digits(11), Optional.empty(), Optional.of(new BigDecimal(PRICES[trunk]))));
        clock.advance(300 + random.nextInt(2_500));
        recorder.onRinging(id, 180, random.nextInt(4) == 0);
        clock.advance(2_000 + random.nextInt(20_000));
        recorder.onAnswered(id);
        clock.advance(5_000 + random.nextInt(600_000));
        recorder.onEnded(id, random.nextBoolean() ? EndReason.CALLER_HANGUP : EndReason.CALLEE_HANGUP);
        StoredCall call = built.remove(0);
        if (call.events().size() != 5) {
            throw new IllegalStateException("expected 5 events, got " + call.events());
        }
        return call;
    }

    /** A German mobile, as gateways send callers. */
    private String caller() {
        return "+49151" + digits(8);
    }

    /** As each user dials: a Berlin number nationally, a US number nationally, a UK number in E.164. */
    private String dialled(int who) {
        return switch (who) {
            case 0 -> "030 " + digits(7);
            case 1 -> "(650) 253-" + digits(4);
            default -> "+44 20 7946 " + digits(4);
        };
    }

    private String digits(int count) {
        StringBuilder out = new StringBuilder(count);
        for (int i = 0; i < count; i++) {
            out.append((char) ('0' + random.nextInt(10)));
        }
        return out.toString();
    }

    private static UserConfig user(String country) {
        return new UserConfig(country + " user", UserConfig.Role.USER, country, Optional.empty(), Optional.empty(),
                4, Optional.empty(), List.of());
    }

    /** The recorder's clock: each event happens when the generator says. */
    private static final class SteppingClock extends Clock {
        private Instant now = EPOCH;

        void set(Instant instant) {
            now = instant;
        }

        void advance(long millis) {
            now = now.plusMillis(millis);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException("the bench clock is UTC only");
        }
    }
}
