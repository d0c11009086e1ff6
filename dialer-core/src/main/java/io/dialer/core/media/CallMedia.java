package io.dialer.core.media;

import io.dialer.media.AudioFrame;
import io.dialer.media.AudioSink;
import io.dialer.media.AudioSource;
import io.dialer.media.codec.AudioCodec;
import io.dialer.media.codec.Codecs;
import io.dialer.media.dtmf.DtmfDigit;
import io.dialer.media.dtmf.DtmfReceiver;
import io.dialer.media.dtmf.DtmfSender;
import io.dialer.media.rtp.RtpEventPacket;
import io.dialer.media.rtp.JitterBufferSettings;
import io.dialer.media.rtp.MediaStream;
import io.dialer.media.rtp.RtpEngine;
import io.dialer.media.rtp.RtpHandler;
import io.dialer.media.rtp.RtpPacket;
import io.dialer.media.rtp.RtpPayload;
import io.dialer.media.rtp.RtpSession;
import io.dialer.media.rtp.RtpStats;
import io.dialer.media.sdp.Connection;
import io.dialer.media.sdp.LocalMedia;
import io.dialer.media.sdp.NegotiatedMedia;
import io.dialer.media.sdp.NegotiationResult;
import io.dialer.media.sdp.NoCommonCodec;
import io.dialer.media.sdp.OfferAnswer;
import io.dialer.media.sdp.SdpException;
import io.dialer.media.sdp.SessionDescription;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;

/**
 * One call's media: an RTP session on a port of the engine's range, our SDP
 * offer (RFC 3264: PCMU, PCMA, telephone-event), the peer's answer turned
 * into a {@link MediaStream} with the negotiated codec, and the audio the
 * application sends and receives. Knows nothing of SIP: the call hands it
 * SDP bodies.
 */
public final class CallMedia implements RtpHandler, AutoCloseable {

    /** What the call hears from its media, on a media thread. */
    public interface Activity {
        /** An RTP packet arrived from the callee. */
        void packet();

        /** The callee's audio carried voice (energy above the silence threshold). */
        void voice();

        /** The callee pressed a key (RFC 4733 telephone-event), reported once per key press. */
        void dtmf(DtmfDigit digit);

        /** A special information tone was heard before answer (early media). */
        default void sit(io.dialer.media.tone.SitTone tone) {
        }

        /** Answering-machine detection decided. */
        default void amd(io.dialer.media.amd.AmdResult result) {
        }

        /** A voicemail beep ended. */
        default void beep(io.dialer.media.amd.Beep beep) {
        }
    }

    private static final Codecs CODECS = Codecs.g711();
    private static final int DTMF_MILLIS = 100;

    private final RtpSession session;
    private final OfferAnswer offerAnswer;
    private volatile AudioSource source;
    private volatile AudioSink sink;
    private final Activity activity;
    private volatile MediaStream stream;
    private volatile NegotiatedMedia negotiated;
    private volatile String problem;
    /** Listens for special information tones until the call is answered (media event loop only). */
    private final io.dialer.media.tone.SitDetector sitDetector = new io.dialer.media.tone.SitDetector();
    private volatile boolean earlyMedia = true;
    /** Answering-machine detection after answer, null when off or decided (media event loop). */
    private volatile io.dialer.media.amd.AmdDetector amd;
    /** Beep detection while a machine's greeting runs, null when not wanted. */
    private volatile io.dialer.media.amd.BeepDetector beeps;

    private CallMedia(RtpEngine engine, InetAddress address, AudioSource source, AudioSink sink, Activity activity)
            throws IOException {
        // With nothing to play we still send silence: RTP flowing keeps NAT bindings and the
        // far end's own media timers alive, and lets symmetric-RTP peers latch onto us.
        AudioFrame silence = AudioFrame.silence();
        this.source = source != null ? source : () -> silence;
        this.sink = sink;
        this.activity = activity;
        this.session = engine.open(this);
        Connection connection = address instanceof java.net.Inet6Address
                ? Connection.ip6(address.getHostAddress()) : Connection.ip4(address.getHostAddress());
        this.offerAnswer = new OfferAnswer(LocalMedia.g711(connection, session.localPort()),
                System.currentTimeMillis() / 1000);
    }

    /**
     * Opens the call's RTP session.
     *
     * @param address  the address our SDP names (the one the engine binds)
     * @param source   audio to send (a null frame sends nothing for that tick), or null for silence
     * @param sink     where the callee's audio goes, or null
     * @throws IOException when no RTP port pair is free
     */
    public static CallMedia open(RtpEngine engine, InetAddress address, AudioSource source, AudioSink sink,
                                 Activity activity) throws IOException {
        return new CallMedia(engine, address, source, sink, activity);
    }

    /**
     * The answering side (an INVITE we received, RFC 3264 §6): answers the
     * caller's offer and starts media at once.
     *
     * @return the call's media, or empty with the reason when nothing in the offer is usable (→ 488)
     */
    public static Answered answering(RtpEngine engine, InetAddress address, byte[] offerSdp, AudioSource source,
                                     AudioSink sink, Activity activity) throws IOException {
        SessionDescription offer;
        try {
            offer = SessionDescription.parse(offerSdp == null ? new byte[0] : offerSdp);
        } catch (SdpException e) {
            return new Answered(null, null, "the offer's SDP does not parse: " + e.getMessage());
        }
        CallMedia media = new CallMedia(engine, address, source, sink, activity);
        io.dialer.media.sdp.AnswerResult result = media.offerAnswer.answer(offer);
        if (!(result instanceof io.dialer.media.sdp.AnswerResult.Answered answered)) {
            media.close();
            return new Answered(null, null, "the offer has no codec we take: " + ((NoCommonCodec) result).reason());
        }
        Optional<String> problem = media.start(answered.media());
        if (problem.isPresent()) {
            media.close();
            return new Answered(null, null, problem.get());
        }
        return new Answered(media, answered.answer().toBytes(), null);
    }

    /** The outcome of {@link #answering}: the media and our SDP answer, or why there is none. */
    public record Answered(CallMedia media, byte[] sdp, String problem) {
    }

    /** Our SDP offer for the INVITE. */
    public byte[] offer() {
        return offerAnswer.offer().toBytes();
    }

    /**
     * Takes the peer's SDP answer (from a 183 or the 2xx) and starts media.
     *
     * @return empty when media runs, else why not (unparseable SDP, no common codec)
     */
    public Optional<String> answer(byte[] sdp) {
        SessionDescription answer;
        try {
            answer = SessionDescription.parse(sdp);
        } catch (SdpException e) {
            return fail("the answer's SDP does not parse: " + e.getMessage());
        }
        NegotiationResult result = offerAnswer.processAnswer(answer);
        if (result instanceof NoCommonCodec none) {
            return fail("the answer accepted none of our codecs: " + none.reason());
        }
        return start(((NegotiationResult.Negotiated) result).media());
    }

    private Optional<String> start(NegotiatedMedia media) {
        AudioCodec codec = CODECS.byName(media.codec().encodingName(), media.codec().clockRate()).orElse(null);
        if (codec == null) {
            return fail("the answer chose " + media.codec().encodingName() + ", which we did not offer");
        }
        MediaStream s = new MediaStream(codec, media.telephoneEvent().orElse(-1), JitterBufferSettings.DEFAULT);
        s.source(media.sends() ? source : null);
        s.sink(this::heard);
        DtmfReceiver keys = new DtmfReceiver(codec.clockRate());
        s.telephoneEvents(packet -> keys.receive((int) packet.timestamp(), packet.payload()).forEach(activity::dtmf));
        negotiated = media;
        stream = s;
        String host = media.remoteConnection().address();
        session.remote(new InetSocketAddress(host, media.remotePort()),
                new InetSocketAddress(host, media.remoteRtcpPort()));
        return Optional.empty();
    }

    /**
     * Sends DTMF digits as RFC 4733 telephone-events (100 ms each, audio paused
     * meanwhile, §2.5), in the payload type the peer chose.
     *
     * @throws IllegalStateException when the peer did not accept telephone-event
     * @throws IllegalArgumentException for a character that is not 0-9, *, #, A-D
     */
    public void sendDtmf(String digits) {
        NegotiatedMedia m = negotiated;
        if (m == null || m.telephoneEvent().isEmpty()) {
            throw new IllegalStateException("the callee's SDP did not accept telephone-event (RFC 4733): no DTMF");
        }
        DtmfSender sender = DtmfSender.standard();
        for (char digit : digits.toCharArray()) {
            List<RtpEventPacket> packets = sender.packets(digit, DTMF_MILLIS).stream()
                    .map(p -> new RtpEventPacket(p.payload(), p.marker())).toList();
            session.sendEvent(m.telephoneEvent().getAsInt(), packets);
        }
    }

    /**
     * Switches what the call sends and where its audio goes, e.g. to bridge it
     * to another call; effective from the next 20 ms tick.
     */
    public void audio(AudioSource send, AudioSink receive) {
        AudioFrame silence = AudioFrame.silence();
        this.source = send != null ? send : () -> silence;
        this.sink = receive;
        MediaStream s = stream;
        NegotiatedMedia m = negotiated;
        if (s != null && m != null && m.sends()) {
            s.source(this.source);
        }
    }

    /** What the call sends now. */
    public AudioSource source() {
        return source;
    }

    /** Where the call's audio goes now. */
    public AudioSink sink() {
        return sink;
    }

    /** Whether media was negotiated (and so the media timers mean something). */
    public boolean running() {
        return stream != null;
    }

    /** Whether the peer is expected to send (not on hold as sendonly from our side, RFC 3264 §6.1). */
    public boolean expectsAudio() {
        NegotiatedMedia m = negotiated;
        return m != null && m.receives();
    }

    /** The record's media part as it stands. */
    public MediaRecord record() {
        RtpStats stats = session.stats();
        NegotiatedMedia m = negotiated;
        return new MediaRecord(m == null ? null : m.codec().encodingName(), session.localPort(),
                m == null ? null : m.remoteConnection().address() + ":" + m.remotePort(),
                stats.packetsSent(), stats.packetsReceived(), stats.cumulativeLost(), stats.jitterMillis(),
                stats.roundTripMillis().isPresent() ? stats.roundTripMillis().getAsDouble() : null, problem);
    }

    @Override
    public RtpPayload nextPayload() {
        MediaStream s = stream;
        return s == null ? null : s.nextPayload();
    }

    @Override
    public void playout(long nowNanos) {
        MediaStream s = stream;
        if (s != null) {
            s.playout(nowNanos);
        }
    }

    @Override
    public void received(RtpPacket packet, long arrivalNanos) {
        activity.packet();
        MediaStream s = stream;
        if (s != null) {
            s.received(packet, arrivalNanos);
        }
    }

    @Override
    public void sourceChanged(long ssrc) {
        MediaStream s = stream;
        if (s != null) {
            s.sourceChanged(ssrc);
        }
    }

    /** Closes the session (RTCP BYE, ports freed); completes once its statistics are final. */
    public java.util.concurrent.CompletableFuture<Void> closeAsync() {
        return session.closeAsync();
    }

    @Override
    public void close() {
        session.close();
    }

    /** The call was answered: from here the audio is the conversation, not the network's tones. */
    public void answered() {
        earlyMedia = false;
    }

    /** Starts answering-machine detection (and beep detection) on the callee's audio. */
    public void detectMachine() {
        beeps = new io.dialer.media.amd.BeepDetector();
        amd = new io.dialer.media.amd.AmdDetector(io.dialer.media.amd.AmdSettings.defaults());
    }

    /** Stops listening for beeps (after a human, or once the message plays). */
    public void stopBeepDetection() {
        beeps = null;
    }

    private void heard(AudioFrame frame) {
        if (earlyMedia) {
            // ITU-T E.180: a carrier's special information tone comes before its announcement.
            sitDetector.accept(frame).ifPresent(activity::sit);
        } else {
            io.dialer.media.amd.AmdDetector detector = amd;
            if (detector != null) {
                detector.accept(frame).ifPresent(result -> {
                    amd = null;
                    activity.amd(result);
                });
            }
            io.dialer.media.amd.BeepDetector beep = beeps;
            if (beep != null) {
                beep.accept(frame).ifPresent(activity::beep);
            }
        }
        if (VoiceActivity.isVoice(frame)) {
            activity.voice();
        }
        AudioSink current = sink;
        if (current != null) {
            current.write(frame);
        }
    }

    private Optional<String> fail(String why) {
        problem = why;
        return Optional.of(why);
    }
}
