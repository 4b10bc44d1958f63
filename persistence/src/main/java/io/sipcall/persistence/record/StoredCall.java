package io.sipcall.persistence.record;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One ended call as it is stored: every column of {@code calls} except {@code recorded_at} (which
 * the database sets), and its timeline. Phone numbers are already encrypted
 * ({@link io.sipcall.persistence.crypto.FieldCipher}, contexts {@code calls.from_number} and
 * {@code calls.to_number}), so this value may be spooled to disk and logged by id without exposing
 * a number. Serialisable with Jackson (the spool's frame format). Nullable components are null when
 * the fact is unknown or does not apply.
 *
 * @param id             SIPCall's call id
 * @param userId         the authenticated user who placed the call, or null
 * @param direction      always {@link Direction#OUTBOUND} for now
 * @param transport      the transport the call arrived on ({@code UDP}, {@code TCP}, {@code TLS}), or null
 * @param fromNumber     the caller as received, encrypted, or null when blank
 * @param toNumber       the dialled number in E.164 when it normalises, else as dialled; encrypted
 * @param toNumberHmac   HMAC-SHA256 of the E.164 number, or null when the dialled number is not one
 * @param trunk          the trunk of the last attempt, or null when none was tried
 * @param route          every trunk tried, in order, joined with {@code >}, or null
 * @param attempts       how many trunk attempts were made
 * @param startedAt      when the call arrived
 * @param ringingAt      the first ringing or early media, or null
 * @param answeredAt     when the callee answered, or null
 * @param endedAt        when both legs were torn down
 * @param durationMs     from arrival to end
 * @param talkMs         from answer to end (0 when unanswered)
 * @param billedSeconds  talk time rounded up to whole seconds, at least 1 for an answered call (as
 *                       {@link io.sipcall.sip.route.UsageLedger#cost} bills it)
 * @param disposition    how the call came out
 * @param sipStatus      200 when answered, else the final status sent to the caller, or null
 * @param sipReason      the reason phrase of {@code sipStatus}, long digit runs masked, or null
 * @param hangupCause    the {@link io.sipcall.sip.port.EndReason} name
 * @param hangupSide     who ended it
 * @param pricePerMinute the rate of the last attempt, or null when unrated
 * @param cost           what the call cost (0 when unanswered), or null when unrated and answered
 * @param currency       ISO 4217 code of {@code cost}
 * @param mos            mean opinion score from the media anchor, or null
 * @param jitterMs       jitter from the media anchor, or null
 * @param packetLossPct  packet loss from the media anchor, or null
 * @param events         the timeline, by {@code seq}
 */
public record StoredCall(
        String id,
        String userId,
        Direction direction,
        String transport,
        String fromNumber,
        String toNumber,
        byte[] toNumberHmac,
        String trunk,
        String route,
        int attempts,
        Instant startedAt,
        Instant ringingAt,
        Instant answeredAt,
        Instant endedAt,
        long durationMs,
        long talkMs,
        int billedSeconds,
        Disposition disposition,
        Integer sipStatus,
        String sipReason,
        String hangupCause,
        HangupSide hangupSide,
        BigDecimal pricePerMinute,
        BigDecimal cost,
        String currency,
        Float mos,
        Float jitterMs,
        Float packetLossPct,
        List<StoredEvent> events) {

    /** Who placed the call. */
    public enum Direction { OUTBOUND, INBOUND }

    /** How the call came out (the {@code calls.disposition} check constraint). */
    public enum Disposition { ANSWERED, BUSY, NO_ANSWER, CANCELLED, FAILED, REFUSED }

    /** Which side ended the call. */
    public enum HangupSide { CALLER, CALLEE, SYSTEM }

    public StoredCall {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(endedAt, "endedAt");
        Objects.requireNonNull(disposition, "disposition");
        Objects.requireNonNull(hangupCause, "hangupCause");
        Objects.requireNonNull(hangupSide, "hangupSide");
        toNumberHmac = toNumberHmac == null ? null : toNumberHmac.clone();
        events = events == null ? List.of() : List.copyOf(events);
    }

    /** A copy of the HMAC (arrays are mutable), or null. */
    @Override
    public byte[] toNumberHmac() {
        return toNumberHmac == null ? null : toNumberHmac.clone();
    }

    /** Equal when every component is; the HMAC by content (a record would compare the array by identity). */
    @Override
    public boolean equals(Object other) {
        return other instanceof StoredCall call && components().equals(call.components());
    }

    @Override
    public int hashCode() {
        return components().hashCode();
    }

    private List<Object> components() {
        return Arrays.asList(id, userId, direction, transport, fromNumber, toNumber,
                toNumberHmac == null ? null : ByteBuffer.wrap(toNumberHmac), trunk, route, attempts, startedAt,
                ringingAt, answeredAt, endedAt, durationMs, talkMs, billedSeconds, disposition, sipStatus, sipReason,
                hangupCause, hangupSide, pricePerMinute, cost, currency, mos, jitterMs, packetLossPct, events);
    }
}
