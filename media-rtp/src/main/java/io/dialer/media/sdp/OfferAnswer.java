package io.dialer.media.sdp;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The offer/answer state of one call's session (RFC 3264): builds our
 * offers, answers the peer's, processes answers to ours, and remembers the
 * media negotiated last so that re-INVITEs show up as a {@link MediaChange}.
 *
 * <p>Our SDP keeps one origin for the whole call; its version grows by one
 * with every description that differs from the one we sent before and stays
 * the same when we send the same description again (RFC 3264 §8).
 *
 * <p>Not thread-safe: used on the call's event loop.
 */
public final class OfferAnswer {

    private final LocalMedia local;
    private Origin origin;
    /** The last description we sent, offer or answer; null before the first. */
    private SessionDescription lastSent;
    /** Our offer still waiting for an answer. */
    private SessionDescription pendingOffer;
    /** The most our side is willing to do; narrowed by hold (RFC 3264 §8.4). */
    private Direction willing = Direction.SENDRECV;
    /** {@link #willing} before the pending offer, restored when it fails. */
    private Direction willingBeforeOffer = Direction.SENDRECV;
    private NegotiatedMedia current;

    /**
     * @param local     what we can do
     * @param sessionId the numeric o= session id, unique per call (RFC 4566 §5.2)
     */
    public OfferAnswer(LocalMedia local, long sessionId) {
        this.local = Objects.requireNonNull(local, "local");
        if (sessionId < 0) {
            throw new IllegalArgumentException("session id must not be negative");
        }
        this.origin = new Origin(local.username(), Long.toString(sessionId), 1, local.connection());
    }

    /** Our capabilities. */
    public LocalMedia local() {
        return local;
    }

    /** The media negotiated last, empty before the first complete exchange. */
    public Optional<NegotiatedMedia> current() {
        return Optional.ofNullable(current);
    }

    /** Whether we sent an offer that has not been answered or rolled back. */
    public boolean offerPending() {
        return pendingOffer != null;
    }

    /** Our offer with the direction we are willing to use now (sendrecv unless on hold). */
    public SessionDescription offer() {
        return offer(willing);
    }

    /**
     * Our offer with an explicit direction: all our codecs in preference
     * order, telephone-event, ptime. The offer stays pending until
     * {@link #processAnswer} or {@link #rollback}.
     */
    public SessionDescription offer(Direction direction) {
        Objects.requireNonNull(direction, "direction");
        if (pendingOffer == null) {
            willingBeforeOffer = willing;
        }
        willing = direction;
        List<PayloadFormat> formats = new ArrayList<>(local.codecs());
        if (local.telephoneEventPayloadType() >= 0) {
            formats.add(PayloadFormat.telephoneEvent(local.telephoneEventPayloadType()));
        }
        MediaDescription audio = new MediaDescription("audio", local.port(), local.protocol(), formats, List.of(),
                null, local.ptime(), direction, List.of(), List.of());
        pendingOffer = stamp(List.of(audio));
        return pendingOffer;
    }

    /**
     * An offer putting the call on hold (RFC 3264 §8.4): we stop receiving, so
     * a sendrecv stream becomes sendonly and a recvonly one inactive.
     */
    public SessionDescription holdOffer() {
        Direction now = current == null ? willing : current.direction();
        return offer(now.withoutReceiving());
    }

    /** An offer that takes the call off hold: sendrecv again. */
    public SessionDescription resumeOffer() {
        return offer(Direction.SENDRECV);
    }

    /**
     * Our offer was not answered (the re-INVITE failed): the media negotiated
     * before stays in force (RFC 3261 §14.1), and so does the direction we
     * were willing to use.
     */
    public void rollback() {
        if (pendingOffer != null) {
            willing = willingBeforeOffer;
        }
        pendingOffer = null;
    }

    /**
     * Answers a peer's offer (RFC 3264 §6): accepts the first audio stream
     * that has a format we support, choosing the first such format in the
     * offerer's order (§6.1) and keeping its payload type; keeps
     * telephone-event with the offerer's payload type; rejects every other
     * stream with port 0 (§6); answers the direction per §6.1.
     */
    public AnswerResult answer(SessionDescription offer) {
        Objects.requireNonNull(offer, "offer");
        int chosenIndex = -1;
        PayloadFormat codec = null;
        for (int i = 0; i < offer.media().size() && codec == null; i++) {
            MediaDescription m = offer.media().get(i);
            if (acceptable(m)) {
                codec = firstSupported(m.audioFormats());
                chosenIndex = codec == null ? -1 : i;
            }
        }
        if (codec == null) {
            return new NoCommonCodec(describeOffer(offer));
        }
        MediaDescription offered = offer.media().get(chosenIndex);
        Optional<Connection> remote = offer.connectionFor(offered);
        if (remote.isEmpty()) {
            // RFC 4566 §5.7: every stream needs a c= line, at session or media level.
            return new NoCommonCodec("the offered audio stream has no connection address");
        }
        Direction direction = offer.directionFor(offered).answer(willing);
        if (remote.get().isHoldAddress()) {
            direction = direction.withoutSending();
        }
        Optional<PayloadFormat> te = offered.telephoneEvent()
                .filter(f -> f.clockRate() == 8000 && local.telephoneEventPayloadType() >= 0)
                .filter(f -> !f.dtmfEvents().isEmpty());

        List<MediaDescription> answerMedia = new ArrayList<>();
        for (int i = 0; i < offer.media().size(); i++) {
            MediaDescription m = offer.media().get(i);
            answerMedia.add(i == chosenIndex ? answerStream(codec, te, direction) : rejected(m));
        }
        SessionDescription answer = stamp(answerMedia);
        NegotiatedMedia media = new NegotiatedMedia(codec, remote.get(), offered.port(), offered.rtcpPort(),
                te.map(f -> OptionalInt.of(f.payloadType())).orElse(OptionalInt.empty()),
                direction, ptimeOf(offered), offered.crypto());
        return new AnswerResult.Answered(answer, media, advance(media));
    }

    /**
     * Processes the peer's answer to our pending offer (RFC 3264 §7): the
     * audio stream is at the same position as in our offer; the codec is
     * the first answered format we offered; our direction is what we offered
     * narrowed by the reverse of the answer's.
     *
     * @throws IllegalStateException when no offer of ours is pending
     */
    public NegotiationResult processAnswer(SessionDescription answer) {
        Objects.requireNonNull(answer, "answer");
        if (pendingOffer == null) {
            throw new IllegalStateException("no offer of ours is waiting for an answer");
        }
        SessionDescription offer = pendingOffer;
        pendingOffer = null;
        if (answer.media().size() != offer.media().size()) {
            // RFC 3264 §6: the answer has exactly as many m= lines as the offer.
            return new NoCommonCodec("the answer has " + answer.media().size() + " m= lines, our offer had "
                    + offer.media().size());
        }
        MediaDescription ours = offer.media().get(0);
        MediaDescription theirs = answer.media().get(0);
        if (theirs.isRejected() || !theirs.isAudio()) {
            return new NoCommonCodec("the peer rejected the audio stream (port 0)");
        }
        Optional<PayloadFormat> codec = theirs.audioFormats().stream()
                .filter(f -> ours.audioFormats().stream().anyMatch(o -> sameFormat(o, f)))
                .findFirst();
        if (codec.isEmpty()) {
            return new NoCommonCodec("the answer has none of our formats: " + theirs.formats());
        }
        Optional<Connection> remote = answer.connectionFor(theirs);
        if (remote.isEmpty()) {
            return new NoCommonCodec("the answer's audio stream has no connection address");
        }
        Direction offered = ours.direction() == null ? Direction.SENDRECV : ours.direction();
        Direction answered = answer.directionFor(theirs).reverse();
        Direction direction = Direction.of(offered.sends() && answered.sends(), offered.receives() && answered.receives());
        if (remote.get().isHoldAddress()) {
            direction = direction.withoutSending();
        }
        // The answerer should reuse our PT (RFC 3264 §6.1); we accept its own and send with that.
        OptionalInt te = theirs.telephoneEvent()
                .filter(f -> f.clockRate() == 8000 && local.telephoneEventPayloadType() >= 0)
                .map(f -> OptionalInt.of(f.payloadType())).orElse(OptionalInt.empty());
        NegotiatedMedia media = new NegotiatedMedia(resolve(codec.get(), ours), remote.get(), theirs.port(), theirs.rtcpPort(), te,
                direction, ptimeOf(theirs), theirs.crypto());
        return new NegotiationResult.Negotiated(media, advance(media));
    }

    private boolean acceptable(MediaDescription m) {
        return m.isAudio() && !m.isRejected() && m.protocol().equalsIgnoreCase(local.protocol());
    }

    private PayloadFormat firstSupported(List<PayloadFormat> offered) {
        for (PayloadFormat f : offered) {
            for (PayloadFormat ours : local.codecs()) {
                if (sameFormat(ours, f)) {
                    // Keep the offerer's payload type and parameters (RFC 3264 §6.1).
                    return f.encodingName().isEmpty() ? ours.withPayloadType(f.payloadType()) : f;
                }
            }
        }
        return null;
    }

    /** A format we know matches one offered: same static PT without rtpmap, or same encoding. */
    private static boolean sameFormat(PayloadFormat ours, PayloadFormat theirs) {
        if (theirs.encodingName().isEmpty()) {
            return theirs.payloadType() == ours.payloadType() && ours.payloadType() < 96;
        }
        return ours.sameEncoding(theirs);
    }

    /** The answered format with a name even when the answer omitted the rtpmap of a static type. */
    private static PayloadFormat resolve(PayloadFormat answered, MediaDescription ours) {
        if (!answered.encodingName().isEmpty()) {
            return answered;
        }
        return ours.formats().stream().filter(o -> o.payloadType() == answered.payloadType()).findFirst()
                .orElse(answered);
    }

    private MediaDescription answerStream(PayloadFormat codec, Optional<PayloadFormat> te, Direction direction) {
        List<PayloadFormat> formats = new ArrayList<>();
        formats.add(codec);
        // Only the DTMF events both sides list (RFC 4733 §2.4.1, RFC 3264 §6.1).
        te.ifPresent(f -> formats.add(PayloadFormat.telephoneEvent(f.payloadType()).withFmtp(f.dtmfEvents())));
        return new MediaDescription("audio", local.port(), local.protocol(), formats, List.of(), null,
                local.ptime(), direction, List.of(), List.of());
    }

    /** A stream we do not take: same media, protocol and formats, port 0, no attributes (RFC 3264 §6). */
    private static MediaDescription rejected(MediaDescription m) {
        // Payload type numbers only: an rtpmap for a stream that will not exist says nothing.
        List<PayloadFormat> numbers = m.formats().stream()
                .map(f -> new PayloadFormat(f.payloadType(), "", 0, 1, ""))
                .toList();
        return new MediaDescription(m.media(), 0, m.protocol(), numbers, m.opaqueFormats(), null, 0, null,
                List.of(), List.of());
    }

    private static int ptimeOf(MediaDescription m) {
        return m.ptime() > 0 ? m.ptime() : NegotiatedMedia.DEFAULT_PTIME;
    }

    private static String describeOffer(SessionDescription offer) {
        List<String> streams = new ArrayList<>();
        for (MediaDescription m : offer.media()) {
            streams.add(m.media() + " " + m.protocol() + " " + (m.formats().isEmpty() ? m.opaqueFormats() : m.formats())
                    + (m.isRejected() ? " (port 0)" : ""));
        }
        return streams.isEmpty() ? "the offer has no media streams" : "no supported audio format offered: " + streams;
    }

    /** Our description with the origin version per RFC 3264 §8. */
    private SessionDescription stamp(List<MediaDescription> media) {
        SessionDescription candidate = new SessionDescription(origin, "-", local.connection(), null, media, List.of());
        if (lastSent != null && !lastSent.equals(candidate)) {
            origin = origin.nextVersion();
            candidate = candidate.withOrigin(origin);
        }
        lastSent = candidate;
        return candidate;
    }

    private MediaChange advance(NegotiatedMedia media) {
        MediaChange change = new MediaChange(current, media);
        current = media;
        return change;
    }
}
