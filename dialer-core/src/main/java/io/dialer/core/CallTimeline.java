package io.dialer.core;

import gov.nist.javax.sip.message.SIPResponse;
import io.dialer.core.media.MediaRecord;
import io.dialer.core.outcome.CallEvidence;
import io.dialer.core.outcome.CallEvidence.TimedResponse;
import io.dialer.core.outcome.Outcome;
import io.dialer.core.trace.TraceEntry;
import io.dialer.sip.transport.Endpoint;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What happened to one call and when: the timestamps of design.md §6, the
 * provisional responses with their offsets, early media, the trunk endpoint
 * last tried. Turns them into the classifier's evidence and into call
 * records. Lives on the stack's scheduler thread with its call.
 */
final class CallTimeline {

    private final List<TimedResponse> provisionals = new ArrayList<>();
    private Instant dialingAt;
    private long dialingNanos;
    private Instant ringingAt;
    private Instant answeredAt;
    private boolean earlyMedia;
    private Endpoint lastTarget;

    void dialing(Instant at, long nanos) {
        dialingAt = at;
        dialingNanos = nanos;
    }

    /** Notes a provisional; true when it is the first sign of ringing. */
    boolean provisional(SIPResponse response, long nowNanos, Instant at) {
        provisionals.add(new TimedResponse(response, Duration.ofNanos(nowNanos - dialingNanos)));
        if (ringingAt == null) {
            ringingAt = at;
            return true;
        }
        return false;
    }

    /** Notes early media (a 183 with SDP); true the first time. */
    boolean earlyMedia() {
        boolean first = !earlyMedia;
        earlyMedia = true;
        return first;
    }

    void answered(Instant at) {
        answeredAt = at;
    }

    void target(Endpoint endpoint) {
        if (endpoint != null) {
            lastTarget = endpoint;
        }
    }

    /** Time since the answer, zero before it. */
    Duration talk(Instant now) {
        return answeredAt == null ? Duration.ZERO : Duration.between(answeredAt, now);
    }

    /** Time since the INVITE went out. */
    Duration sinceDialing(long nowNanos) {
        return Duration.ofNanos(nowNanos - dialingNanos);
    }

    boolean dialed() {
        return dialingAt != null;
    }

    CallEvidence evidence(Instant endedAt, CallSetup setup, CallEvidence.Settings settings, CallEvidence.Ending ending) {
        Instant dialed = dialingAt != null ? dialingAt : endedAt;
        return new CallEvidence(dialed, ringingAt, answeredAt, endedAt, provisionals,
                lastTarget == null ? null : lastTarget.toString(), setup.trunk().credentials().isPresent(), settings,
                ending);
    }

    /**
     * The record as it stands at {@code now}, or the final one when {@code outcome} is given.
     */
    CallRecord record(CallSetup setup, CallStatus status, Outcome outcome, Instant now, MediaRecord media,
                      TransferRecord transfer, List<TraceEntry> trace) {
        return record(setup, status, outcome, now, media, transfer, trace, Amd.unknown());
    }

    CallRecord record(CallSetup setup, CallStatus status, Outcome outcome, Instant now, MediaRecord media,
                      TransferRecord transfer, List<TraceEntry> trace, Amd amd) {
        long ringMs = ringingAt == null ? 0 : Duration.between(ringingAt, answeredAt != null ? answeredAt : now).toMillis();
        long talkMs = answeredAt == null ? 0 : Duration.between(answeredAt, now).toMillis();
        boolean done = outcome != null;
        boolean in = setup.inbound();
        return new CallRecord(setup.callId(), dialingAt == null ? null : setup.sipCallId(), setup.direction(),
                setup.trunk().name(), in ? setup.to() : setup.from(), in ? setup.from() : setup.to(), status,
                done ? outcome.reason() : null,
                done ? outcome.sipStatus() : null,
                done ? outcome.sipReasonPhrase() : null,
                done ? outcome.q850Cause() : null,
                done ? outcome.q850Text() : null,
                done ? outcome.explanation() : null,
                dialingAt, ringingAt, answeredAt, done ? now : null,
                Math.max(0, ringMs), Math.max(0, talkMs), earlyMedia,
                done ? outcome.voicemail() : null, amd, media, transfer, 1, trace);
    }
}
