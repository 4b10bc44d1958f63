package io.sipcall.persistence.record;

import io.sipcall.config.Transport;
import io.sipcall.config.UserConfig;
import io.sipcall.persistence.crypto.KeyRing;
import io.sipcall.sip.directory.ConfigDirectory;
import io.sipcall.sip.port.CallEventSink.CallStart;
import io.sipcall.sip.port.CallId;
import io.sipcall.sip.port.Directory;
import io.sipcall.sip.port.EndReason;
import io.sipcall.sip.port.RouteDecision;
import io.sipcall.sip.route.NumberNormaliser;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/** Test fixtures: keys, a directory, and ready-made ended calls built by a real {@link CallRecorder}. */
final class Calls {

    /** The number every fixture call dials, as a DE user dials it, and in E.164. */
    static final String DIALLED = "030 1234567";
    static final String DIALLED_E164 = "+49301234567";
    static final String CALLER = "+4915112345678";
    static final KeyRing KEYS = KeyRing.of(Map.of("k1", filled(32, (byte) 7)), "k1", filled(32, (byte) 9));
    static final NumberNormaliser NORMALISER = new NumberNormaliser("US");
    static final Directory DIRECTORY = new ConfigDirectory(Map.of(
            "alice", new UserConfig("Alice", UserConfig.Role.USER, "DE", Optional.empty(), Optional.empty(), 2,
                    Optional.empty(), List.of())), Map.of());

    private Calls() {
    }

    static CallRecorder recorder(Clock clock, Consumer<StoredCall> writer) {
        return new CallRecorder(KEYS, DIRECTORY, NORMALISER, Currency.getInstance("USD"), clock, writer);
    }

    static CallStart start(String dialled) {
        return new CallStart(CALLER, dialled, "TLS", Optional.of("alice"));
    }

    static RouteDecision.Target target(String trunk, String pricePerMinute) {
        return new RouteDecision.Target(trunk, trunk + ".example.net", 5060, Transport.UDP, "49301234567",
                Optional.empty(), Optional.ofNullable(pricePerMinute).map(BigDecimal::new));
    }

    /** An answered call of alice to {@link #DIALLED} on trunk "telnyx", ended by the caller, with id {@code id}. */
    static StoredCall answered(String id) {
        List<StoredCall> out = new java.util.ArrayList<>();
        CallRecorder recorder = recorder(Clock.fixed(Instant.parse("2026-05-01T10:00:00Z"), java.time.ZoneOffset.UTC),
                out::add);
        CallId callId = new CallId(id);
        recorder.onStarted(callId, start(DIALLED));
        recorder.onRouted(callId, target("telnyx", "0.0100"));
        recorder.onRinging(callId, 180, false);
        recorder.onAnswered(callId);
        recorder.onEnded(callId, EndReason.CALLER_HANGUP);
        return out.get(0);
    }

    /** {@code count} answered calls with ids {@code prefix-0 ...}. */
    static List<StoredCall> answered(String prefix, int count) {
        return java.util.stream.IntStream.range(0, count).mapToObj(i -> answered(prefix + "-" + i)).toList();
    }

    /** {@code call} with another duration (a negative one breaks a check constraint). */
    static StoredCall withDuration(StoredCall c, long durationMs) {
        return new StoredCall(c.id(), c.userId(), c.direction(), c.transport(), c.fromNumber(), c.toNumber(),
                c.toNumberHmac(), c.trunk(), c.route(), c.attempts(), c.startedAt(), c.ringingAt(), c.answeredAt(),
                c.endedAt(), durationMs, c.talkMs(), c.billedSeconds(), c.disposition(), c.sipStatus(), c.sipReason(),
                c.hangupCause(), c.hangupSide(), c.pricePerMinute(), c.cost(), c.currency(), c.mos(), c.jitterMs(),
                c.packetLossPct(), c.events());
    }

    /** The plaintexts that must never be found in storage: the numbers in every form we know. */
    static List<String> plaintexts() {
        return List.of(DIALLED_E164, DIALLED_E164.substring(1), "301234567", CALLER, CALLER.substring(1));
    }

    private static byte[] filled(int length, byte value) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, value);
        return bytes;
    }
}
