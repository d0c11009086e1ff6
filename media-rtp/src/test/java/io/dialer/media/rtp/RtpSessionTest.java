package io.dialer.media.rtp;

import static org.assertj.core.api.Assertions.assertThat;

import io.dialer.media.AudioFrame;
import io.dialer.media.AudioSource;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * RTP sessions over real loopback sockets, ticked by the engine's one clock. Checks:
 * <ul>
 * <li>two sessions exchange audio both ways, no loss, small jitter, stats agree with what was sent;</li>
 * <li>latching: packets go where the peer sends from, not where SDP said (RFC 4961);</li>
 * <li>sequence +1 per packet, timestamp +160 per 20 ms across a silence gap, marker on each talkspurt;</li>
 * <li>RFC 4733 events interleave with audio: same timestamp, marker on the first, audio paused;</li>
 * <li>SSRC change passes probation, resets downstream state; malformed datagrams are counted;</li>
 * <li>RTCP SR/RR exchanged and an RTT computed (RFC 3550 §6.4.1); BYE on close (§6.6);</li>
 * <li>ports: even, skipped when busy, released on close.</li>
 * </ul>
 */
class RtpSessionTest {

    private static final int PT = 96;
    private static final int EVENT_PT = 101;
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final short SENT_MARK = 0x7F00;

    private final int base = 40000 + 2 * ThreadLocalRandom.current().nextInt(4000);
    private final RtpEngine engine = new RtpEngine(RtpSettings.defaults().withPorts(base, base + 199)
            .withRtcpInterval(Duration.ofMillis(200)));

    @AfterEach
    void stop() {
        engine.close();
    }

    @Test
    void twoSessionsExchangeAudioBothWays() throws Exception {
        MediaStream a = new MediaStream(new Linear8Codec(PT), EVENT_PT, JitterBufferSettings.DEFAULT);
        MediaStream b = new MediaStream(new Linear8Codec(PT), EVENT_PT, JitterBufferSettings.DEFAULT);
        Counter sentByA = new Counter(100);
        Counter sentByB = new Counter(100);
        a.source(sentByA);
        b.source(sentByB);
        CountDownLatch aHeard = new CountDownLatch(50);
        CountDownLatch bHeard = new CountDownLatch(50);
        List<Integer> heardByB = new CopyOnWriteArrayList<>();
        a.sink(f -> {
            if (isSent(f)) {
                aHeard.countDown();
            }
        });
        b.sink(f -> {
            if (isSent(f)) {
                heardByB.add(f.samples()[0] >> 8);
                bHeard.countDown();
            }
        });
        try (RtpSession sa = engine.open(a); RtpSession sb = engine.open(b)) {
            assertThat(sa.localPort() % 2).isZero();
            sa.remote(loopback(sb.localPort()));
            sb.remote(loopback(sa.localPort()));
            assertThat(aHeard.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
            assertThat(bHeard.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
            // both sources ran dry after 100 frames: wait until the last packet has landed
            Eventually.until(WAIT, () -> sa.stats().packetsSent() == 100 && sb.stats().packetsSent() == 100
                    && sb.stats().packetsReceived() == 99 && sa.stats().packetsReceived() == 99, "all packets");
            for (RtpSession s : List.of(sa, sb)) {
                RtpStats st = s.stats();
                // A.1: the first packet of a new source is its probation, not counted
                assertThat(st.octetsReceived()).isEqualTo(99 * 160);
                assertThat(st.cumulativeLost()).isZero();
                // loopback, but on a shared 2-core machine under load: scheduling delays, not the network
                assertThat(st.jitterMillis()).isLessThan(40);
                assertThat(st.malformed()).isZero();
                assertThat(st.sourceChanges()).isEqualTo(1);
            }
            // what B played is what A sent, in order (frame 1 was A's probation packet); a frame can only
            // be missing if the jitter buffer judged it too late or trimmed it
            Eventually.until(WAIT, () -> {
                JitterBufferStats j = b.jitterBufferStats();
                return j.played() + j.late() + j.discarded() == 99;
            }, "B's jitter buffer to account for every packet");
            assertThat(heardByB).isSorted().doesNotHaveDuplicates();
            assertThat(heardByB.get(0)).isBetween(2, 10);
            assertThat(heardByB.size()).isEqualTo((int) b.jitterBufferStats().played());
        }
        assertThat(engine.ports().leased()).isZero();
    }

    @Test
    void fiftySessionsShareOneClockThread() throws Exception {
        List<RtpSession> sessions = new ArrayList<>();
        CountDownLatch allTicked = new CountDownLatch(50);
        try {
            for (int i = 0; i < 50; i++) {
                boolean[] counted = new boolean[1];
                sessions.add(engine.open(new RtpHandler() {
                    @Override
                    public RtpPayload nextPayload() {
                        return null;
                    }

                    @Override
                    public void playout(long nowNanos) {
                        if (!counted[0]) {
                            counted[0] = true;
                            allTicked.countDown();
                        }
                    }

                    @Override
                    public void received(RtpPacket packet, long arrivalNanos) {
                    }
                }));
            }
            assertThat(allTicked.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
            long clocks = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.getName().equals("rtp-clock")).count();
            assertThat(clocks).isEqualTo(1); // this test's engine only: no thread or timer per call
        } finally {
            sessions.forEach(RtpSession::close);
        }
    }

    @Test
    void javaNioTransportCarriesRtpToo() throws Exception {
        try (RtpEngine nio = new RtpEngine(RtpSettings.defaults().withPorts(base + 300, base + 399)
                .withNativeTransport(false))) {
            assertThat(nio.ioName()).isEqualTo("nio");
            MediaStream a = new MediaStream(new Linear8Codec(PT), EVENT_PT, JitterBufferSettings.DEFAULT);
            a.source(new Counter(Integer.MAX_VALUE));
            CountDownLatch heard = new CountDownLatch(10);
            MediaStream b = new MediaStream(new Linear8Codec(PT), EVENT_PT, JitterBufferSettings.DEFAULT);
            b.sink(f -> heard.countDown());
            try (RtpSession sa = nio.open(a); RtpSession sb = nio.open(b)) {
                sa.remote(loopback(sb.localPort()));
                assertThat(heard.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
            }
        }
    }

    @Test
    void latchesToWhereThePeerSendsFrom() throws Exception {
        MediaStream a = new MediaStream(new Linear8Codec(PT), EVENT_PT, JitterBufferSettings.DEFAULT);
        a.source(new Counter(Integer.MAX_VALUE));
        try (PeerSocket peer = new PeerSocket(); DatagramSocket signalled = unusedSocket();
             RtpSession sa = engine.open(a)) {
            InetSocketAddress sdp = (InetSocketAddress) signalled.getLocalSocketAddress();
            sa.remote(sdp);
            Eventually.until(WAIT, () -> sa.stats().packetsSent() > 0, "packets to the SDP address");
            assertThat(sa.remoteAddress()).isEqualTo(sdp);
            // the peer sends from another port than it signalled (a NAT, a B2BUA)
            for (int seq = 0; seq < 3; seq++) {
                peer.send(new RtpPacket(false, PT, seq, seq * 160L, 77, new byte[160]).toBytes(), sa.localPort());
            }
            Eventually.until(WAIT, () -> peer.address().equals(sa.remoteAddress()), "latching");
            RtpPacket got;
            do {
                got = RtpPacket.parse(peer.receive());
            } while (got.ssrc() != sa.ssrc());
            assertThat(got.payloadType()).isEqualTo(PT);
        }
    }

    @Test
    void numbersPacketsAcrossSilenceAndInterleavesEvents() throws Exception {
        // 5 frames, 5 ticks of silence, then frames again
        AtomicInteger reads = new AtomicInteger();
        AudioSource talkPauseTalk = () -> {
            int n = reads.incrementAndGet();
            return n > 5 && n <= 10 ? null : level(n);
        };
        MediaStream a = new MediaStream(new Linear8Codec(PT), EVENT_PT, JitterBufferSettings.DEFAULT);
        a.source(talkPauseTalk);
        try (PeerSocket peer = new PeerSocket(); RtpSession sa = engine.open(a)) {
            sa.remote(peer.address());
            List<RtpPacket> got = new ArrayList<>();
            while (got.size() < 8) {
                got.add(RtpPacket.parse(peer.receive()));
            }
            sa.sendEvent(EVENT_PT, RtpEventPacket.markFirst(
                    List.of(new byte[] {1, 0, 0, 0}, new byte[] {1, 0, 0, 1}, new byte[] {1, -128, 0, 2})));
            while (got.stream().filter(p -> p.payloadType() == PT).count() < 12) {
                got.add(RtpPacket.parse(peer.receive()));
            }
            for (int i = 1; i < got.size(); i++) {
                assertThat(got.get(i).sequenceNumber()).isEqualTo((got.get(i - 1).sequenceNumber() + 1) & 0xFFFF);
            }
            assertThat(got.get(0).marker()).isTrue();
            assertThat(got.subList(1, 5)).noneMatch(RtpPacket::marker);
            assertThat(got.get(4).timestamp() - got.get(0).timestamp()).isEqualTo(4 * 160);
            // silence: five ticks of nothing, then a new talkspurt 6 ticks after the last packet
            assertThat(got.get(5).marker()).isTrue();
            assertThat(got.get(5).timestamp() - got.get(4).timestamp()).isEqualTo(6 * 160);
            List<RtpPacket> events = got.stream().filter(p -> p.payloadType() == EVENT_PT).toList();
            assertThat(events).hasSize(3);
            assertThat(events).extracting(RtpPacket::timestamp).containsOnly(events.get(0).timestamp());
            assertThat(events).extracting(RtpPacket::marker).containsExactly(true, false, false);
            int firstEvent = got.indexOf(events.get(0));
            RtpPacket before = got.get(firstEvent - 1);
            RtpPacket after = got.get(firstEvent + 3);
            assertThat(before.payloadType()).isEqualTo(PT);
            assertThat(after.payloadType()).isEqualTo(PT);
            // RFC 4733 §2.5: audio paused for the event's three ticks, its clock did not
            assertThat(events.get(0).timestamp() - before.timestamp()).isEqualTo(160);
            assertThat(after.timestamp() - before.timestamp()).isEqualTo(4 * 160);
        }
    }

    @Test
    void newSourcePassesProbationAndResetsDownstream() throws Exception {
        BlockingQueue<RtpPacket> delivered = new LinkedBlockingQueue<>();
        BlockingQueue<Long> changes = new LinkedBlockingQueue<>();
        RtpHandler recorder = new RtpHandler() {
            @Override
            public RtpPayload nextPayload() {
                return null;
            }

            @Override
            public void received(RtpPacket packet, long arrivalNanos) {
                delivered.add(packet);
            }

            @Override
            public void sourceChanged(long ssrc) {
                changes.add(ssrc);
            }
        };
        try (PeerSocket peer = new PeerSocket(); RtpSession s = engine.open(recorder)) {
            peer.send(new byte[] {0x40, 0, 0}, s.localPort()); // not RTP
            for (int seq = 65533; seq <= 65537; seq++) { // wraps
                peer.send(new RtpPacket(false, PT, seq & 0xFFFF, seq * 160L, 0xAAAA, new byte[10]).toBytes(),
                        s.localPort());
            }
            for (int seq = 100; seq < 103; seq++) {
                peer.send(new RtpPacket(seq == 100, PT, seq, 5000 + seq * 160L, 0xBBBB, new byte[10]).toBytes(),
                        s.localPort());
            }
            assertThat(changes.poll(5, TimeUnit.SECONDS)).isEqualTo(0xAAAA);
            assertThat(changes.poll(5, TimeUnit.SECONDS)).isEqualTo(0xBBBB);
            List<Integer> seqs = new ArrayList<>();
            while (seqs.size() < 6) {
                seqs.add(delivered.poll(5, TimeUnit.SECONDS).sequenceNumber());
            }
            // each source's first packet is its probation (RFC 3550 A.1)
            assertThat(seqs).containsExactly(65534, 65535, 0, 1, 101, 102);
            Eventually.until(WAIT, () -> s.stats().malformed() == 1 && s.stats().sourceChanges() == 2, "stats");
            assertThat(s.stats().packetsReceived()).isEqualTo(6);
        }
    }

    @Test
    void reportsFlowAndGiveARoundTripTime() throws Exception {
        MediaStream a = new MediaStream(new Linear8Codec(PT), EVENT_PT, JitterBufferSettings.DEFAULT);
        MediaStream b = new MediaStream(new Linear8Codec(PT), EVENT_PT, JitterBufferSettings.DEFAULT);
        MediaStream c = new MediaStream(new Linear8Codec(PT), EVENT_PT, JitterBufferSettings.DEFAULT);
        a.source(new Counter(Integer.MAX_VALUE));
        b.source(new Counter(Integer.MAX_VALUE));
        c.source(new Counter(Integer.MAX_VALUE));
        try (RtpSession sa = engine.open(a); RtpSession sb = engine.open(b);
             PeerSocket silentRtp = new PeerSocket(); PeerSocket silentRtcp = new PeerSocket();
             RtpSession sc = engine.open(c)) {
            sa.remote(loopback(sb.localPort()));
            sb.remote(loopback(sa.localPort()));
            // both send, so both send SRs; each SR is echoed in the other's next report block (LSR/DLSR)
            Eventually.until(WAIT, () -> sa.stats().roundTripMillis().isPresent()
                    && sb.stats().roundTripMillis().isPresent(), "RTT on both sides");
            assertThat(sa.stats().roundTripMillis().getAsDouble()).isBetween(0.0, 100.0);
            assertThat(sb.stats().roundTripMillis().getAsDouble()).isBetween(0.0, 100.0);
            assertThat(sa.stats().fractionLost()).isZero();

            // a peer that only receives answers our SR with an RR whose block echoes it
            sc.remote(silentRtp.address(), silentRtcp.address());
            RtcpPacket.SenderReport sr = null;
            while (sr == null) {
                if (RtcpCompound.parse(silentRtcp.receive()).get(0) instanceof RtcpPacket.SenderReport r) {
                    sr = r;
                }
            }
            assertThat(sr.ssrc()).isEqualTo(sc.ssrc());
            assertThat(sr.packetCount()).isPositive();
            long lsr = NtpClock.middle32(sr.ntpTimestamp());
            RtcpPacket.ReportBlock block = new RtcpPacket.ReportBlock(sc.ssrc(), 0, 0, 0, 0, lsr, 0);
            silentRtcp.send(RtcpCompound.toBytes(List.of(new RtcpPacket.ReceiverReport(99, List.of(block)))),
                    sc.localPort() + 1);
            Eventually.until(WAIT, () -> sc.stats().roundTripMillis().isPresent(), "RTT from the RR");
            // DLSR 0: the RTT is the time from the SR leaving to this RR arriving
            assertThat(sc.stats().roundTripMillis().getAsDouble()).isBetween(0.0, 1000.0);
        }
    }

    @Test
    void closeSendsByeAndReleasesThePorts() throws Exception {
        MediaStream a = new MediaStream(new Linear8Codec(PT), EVENT_PT, JitterBufferSettings.DEFAULT);
        try (PeerSocket rtp = new PeerSocket(); PeerSocket rtcp = new PeerSocket()) {
            RtpSession s = engine.open(a);
            s.remote(rtp.address(), rtcp.address());
            s.closeAsync().get(5, TimeUnit.SECONDS);
            List<RtcpPacket> last = RtcpCompound.parse(rtcp.receive());
            assertThat(last.get(0)).isInstanceOf(RtcpPacket.ReceiverReport.class);
            assertThat(last.get(1)).isInstanceOf(RtcpPacket.SourceDescription.class);
            assertThat(last.get(2)).isEqualTo(new RtcpPacket.Bye(List.of(s.ssrc()), java.util.Optional.empty()));
            assertThat(engine.ports().leased()).isZero();
        }
    }

    @Test
    void skipsAPortSomethingElseHolds() throws Exception {
        try (RtpEngine small = new RtpEngine(RtpSettings.defaults().withPorts(base + 200, base + 205));
             DatagramSocket squatter = new DatagramSocket(base + 201, InetAddress.getLoopbackAddress())) {
            RtpSession s = small.open(new MediaStream(new Linear8Codec(PT), -1, JitterBufferSettings.DEFAULT));
            assertThat(s.localPort()).isEqualTo(base + 202); // base+200 is free but its RTCP port is not
            assertThat(small.ports().leased()).isEqualTo(1);
            s.close();
            assertThat(small.ports().leased()).isZero();
        }
    }

    private static InetSocketAddress loopback(int port) {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
    }

    private static DatagramSocket unusedSocket() throws IOException {
        return new DatagramSocket(0, InetAddress.getLoopbackAddress());
    }

    /** A frame whose first sample carries {@code n} and whose other samples mark it as sent, not concealed. */
    private static AudioFrame level(int n) {
        short[] s = new short[AudioFrame.SAMPLES];
        Arrays.fill(s, SENT_MARK);
        s[0] = (short) ((n & 0x7F) << 8);
        return new AudioFrame(s);
    }

    /** Concealment fades samples, so only a frame as sent still has the mark. */
    private static boolean isSent(AudioFrame f) {
        return f.samples()[1] == SENT_MARK;
    }

    /** Frames whose level counts 1, 2, 3, ... (high byte), then nothing. */
    private static final class Counter implements AudioSource {
        private final int frames;
        private int n;

        Counter(int frames) {
            this.frames = frames;
        }

        @Override
        public AudioFrame read() {
            return n < frames ? level(1 + n++ % 120) : null;
        }
    }
}
