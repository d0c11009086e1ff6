package io.dialer.core;

import io.dialer.core.media.MediaRecord;
import io.dialer.core.outcome.Voicemail;
import io.dialer.core.trace.TraceEntry;
import java.time.Instant;
import java.util.List;

/**
 * A call as it stands, or its final record once it ended (design.md §6).
 * Immutable: each change makes a new one. {@link CallRecords#toJson} writes
 * it in the snake_case JSON of the contract.
 *
 * <p>While the call is in progress {@code disconnectionReason}, {@code explanation}
 * and the final SIP fields are null; once {@link CallStatus#isTerminal()} they are set
 * ({@code sipStatus} stays null where no final response came).
 */
public record CallRecord(
        String callId,
        String sipCallId,
        String direction,
        String trunk,
        String from,
        String to,
        CallStatus status,
        DisconnectionReason disconnectionReason,
        Integer sipStatus,
        String sipReasonPhrase,
        Integer q850Cause,
        String q850Text,
        String explanation,
        Instant dialingAt,
        Instant ringingAt,
        Instant answeredAt,
        Instant endedAt,
        long ringDurationMs,
        long talkDurationMs,
        boolean earlyMedia,
        Voicemail voicemail,
        Amd amd,
        MediaRecord media,
        TransferRecord transfer,
        int attempts,
        List<TraceEntry> sipTrace) {

    public CallRecord {
        sipTrace = sipTrace == null ? List.of() : List.copyOf(sipTrace);
        voicemail = voicemail == null ? Voicemail.none() : voicemail;
        amd = amd == null ? Amd.unknown() : amd;
    }
}
