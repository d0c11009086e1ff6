package io.dialer.sim;

import io.dialer.media.codec.AudioCodec;
import io.dialer.media.rtp.RtpEngine;
import io.dialer.media.rtp.RtpHandler;
import io.dialer.media.rtp.RtpPacket;
import io.dialer.media.rtp.RtpPayload;
import io.dialer.media.rtp.RtpSession;
import io.dialer.media.sdp.AnswerResult;
import io.dialer.media.sdp.Connection;
import io.dialer.media.sdp.LocalMedia;
import io.dialer.media.sdp.NegotiatedMedia;
import io.dialer.media.sdp.OfferAnswer;
import io.dialer.media.sdp.SdpException;
import io.dialer.media.sdp.SessionDescription;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;

/**
 * The simulated callee's media: the SDP answer to the caller's offer (RFC
 * 3264) and an RTP session that echoes what the caller sends, like SIPp's
 * {@code -rtp_echo}, so calls to the simulator have real RTP both ways (the
 * caller's media timeout does not fire, recordings hear themselves).
 */
final class SimMedia implements RtpHandler, AutoCloseable {

    /** Up to 1 s of echo backlog; beyond it the oldest packets are dropped. */
    private static final int BACKLOG = 50;

    private final RtpSession session;
    private final ArrayBlockingQueue<RtpPayload> echo = new ArrayBlockingQueue<>(BACKLOG);
    private byte[] answer;
    private volatile AudioCodec codec;
    private volatile short[] announcement;
    private int played;

    private SimMedia(RtpEngine engine) throws IOException {
        this.session = engine.open(this);
    }

    /**
     * Answers an offer and starts echoing; empty when the offer has no usable
     * audio (the simulator then answers with its static SDP and sends no RTP).
     */
    static Optional<SimMedia> answer(RtpEngine engine, InetAddress host, byte[] offerSdp) {
        if (offerSdp == null || offerSdp.length == 0) {
            return Optional.empty();
        }
        SessionDescription offer;
        try {
            offer = SessionDescription.parse(offerSdp);
        } catch (SdpException e) {
            return Optional.empty();
        }
        SimMedia media;
        try {
            media = new SimMedia(engine);
        } catch (IOException e) {
            return Optional.empty();
        }
        Connection connection = host instanceof java.net.Inet6Address
                ? Connection.ip6(host.getHostAddress()) : Connection.ip4(host.getHostAddress());
        OfferAnswer oa = new OfferAnswer(LocalMedia.g711(connection, media.session.localPort()),
                System.currentTimeMillis() / 1000);
        if (!(oa.answer(offer) instanceof AnswerResult.Answered answered)) {
            media.close();
            return Optional.empty();
        }
        NegotiatedMedia m = answered.media();
        media.codec = io.dialer.media.codec.Codecs.g711().byName(m.codec().encodingName(), m.codec().clockRate())
                .orElse(null);
        String address = m.remoteConnection().address();
        media.session.remote(new InetSocketAddress(address, m.remotePort()),
                new InetSocketAddress(address, m.remoteRtcpPort()));
        media.answer = answered.answer().toBytes();
        return Optional.of(media);
    }

    byte[] sdp() {
        return answer;
    }

    /** Plays these 8 kHz samples (e.g. a special information tone) before going back to echoing. */
    void play(short[] samples) {
        played = 0;
        announcement = samples;
    }

    @Override
    public RtpPayload nextPayload() {
        short[] a = announcement;
        AudioCodec c = codec;
        if (a != null && c != null && played < a.length) {
            short[] frame = java.util.Arrays.copyOfRange(a, played, played + 160); // zero-padded at the end
            played += 160;
            return new RtpPayload(c.payloadType(), c.encode(frame));
        }
        return echo.poll();
    }

    @Override
    public void received(RtpPacket packet, long arrivalNanos) {
        RtpPayload payload = new RtpPayload(packet.payloadType(), packet.payload());
        while (!echo.offer(payload)) {
            echo.poll();
        }
    }

    @Override
    public void close() {
        session.close();
    }
}
