package io.dialer.media.rtp;

import io.dialer.media.rtp.RtcpPacket.ReportBlock;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoop;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One call's RTP and RTCP (RFC 3550) on an even UDP port and the odd one above.
 * Payloads are raw octets with a payload type; a {@link RtpHandler} (e.g.
 * {@link MediaStream}) supplies and consumes them.
 *
 * <p>All state lives on one event loop: packets are received there and the engine's
 * shared {@link MediaClock} ticks the session there every 20 ms, so nothing is locked.
 * Each tick the session plays out, then sends one packet — a pending RFC 4733 event
 * packet, else the handler's payload, else nothing — and sends RTCP when due.
 *
 * <p>Symmetric RTP (RFC 4961 §3 asks a peer to send from where it receives): packets
 * go to the SDP address until valid packets of the current source arrive from
 * elsewhere, then to where they come from ("latching", logged once per change). Only
 * packets that passed the RFC 3550 A.1 checks move the latch, and only after SDP named a
 * peer. RTCP latches the same way on its own port.
 */
public final class RtpSession implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RtpSession.class);
    /** Statistics are republished every 100 ms: often enough to read, cheap at a thousand calls. */
    private static final int STATS_EVERY_TICKS = 5;

    private final RtpEngine engine;
    private final RtpHandler handler;
    private final EventLoop loop;
    private final int port;
    private final SplittableRandom random;
    private final RtpSender sender;
    private final String cname;
    private final long rtcpIntervalNanos;
    private final int clockRate;
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    private final ArrayDeque<PendingEvent> events = new ArrayDeque<>();

    private Channel rtp;
    private Channel rtcp;
    private MediaClock.Registration registration;
    private volatile InetSocketAddress remoteRtp;
    private volatile InetSocketAddress remoteRtcp;
    private volatile RtpStats stats = RtpStats.EMPTY;
    private boolean closing;
    private boolean talking;
    private long nextRtcpNanos = Long.MIN_VALUE;
    private RtpSource source;
    private RtpSource candidate;
    private long packetsReceived;
    private long octetsReceived;
    private long malformed;
    private long sourceChanges;
    private OptionalDouble roundTrip = OptionalDouble.empty();

    RtpSession(RtpEngine engine, RtpHandler handler, EventLoop loop, int port, SplittableRandom random) {
        this.engine = engine;
        this.handler = Objects.requireNonNull(handler, "handler");
        this.loop = loop;
        this.port = port;
        this.random = random;
        this.clockRate = engine.settings().clockRate();
        // RFC 3550 §5.1: random initial sequence number and timestamp; §8.1: random SSRC
        this.sender = new RtpSender(random.nextLong(1L << 32), random.nextInt(1 << 16), random.nextLong(1L << 32),
                clockRate, clockRate / 50);
        // RFC 7022 §4.2: a random CNAME per session
        this.cname = Long.toHexString(random.nextLong()) + "@dialer";
        this.rtcpIntervalNanos = engine.settings().rtcpInterval().toNanos();
    }

    void start(Channel rtpChannel, Channel rtcpChannel) {
        this.rtp = rtpChannel;
        this.rtcp = rtcpChannel;
        this.registration = engine.clock().register(loop, this::tick);
    }

    ChannelHandler rtpInbound() {
        return new Inbound(false);
    }

    ChannelHandler rtcpInbound() {
        return new Inbound(true);
    }

    /** The local RTP port (even); RTCP is on the next port. */
    public int localPort() {
        return port;
    }

    /** Our SSRC. */
    public long ssrc() {
        return sender.ssrc();
    }

    /** Where RTP goes now: the SDP address, or where the peer's packets come from once latched. */
    public InetSocketAddress remoteAddress() {
        return remoteRtp;
    }

    /** Sets the peer's address from SDP, RTCP on the port above (RFC 3550 §11). */
    public void remote(InetSocketAddress rtpAddress) {
        remote(rtpAddress, new InetSocketAddress(rtpAddress.getAddress(), rtpAddress.getPort() + 1));
    }

    /** Sets the peer's RTP and RTCP addresses from SDP (e.g. {@code a=rtcp}, RFC 3605); a re-INVITE may change them. */
    public void remote(InetSocketAddress rtpAddress, InetSocketAddress rtcpAddress) {
        Objects.requireNonNull(rtpAddress, "rtpAddress");
        Objects.requireNonNull(rtcpAddress, "rtcpAddress");
        loop.execute(() -> {
            remoteRtp = rtpAddress;
            remoteRtcp = rtcpAddress;
        });
    }

    /**
     * Queues one RFC 4733 event: its packets go out one per 20 ms tick, all with the
     * timestamp of the tick the event starts in (RFC 4733 §2.5.1.2), the marker bits as
     * given; audio pauses meanwhile (§2.5), its frames being read and dropped so that
     * the source stays in real time. Events queue behind each other.
     *
     * @param payloadType the telephone-event payload type negotiated in SDP
     * @param packets     the event's packets in order, end packets and their retransmissions included
     */
    public void sendEvent(int payloadType, List<RtpEventPacket> packets) {
        if (packets.isEmpty()) {
            return;
        }
        PendingEvent event = new PendingEvent(payloadType, List.copyOf(packets));
        loop.execute(() -> events.add(event));
    }

    /** A snapshot of the statistics, at most 100 ms old while the session runs, final once closed. */
    public RtpStats stats() {
        return stats;
    }

    /**
     * Sends a last report with BYE (RFC 3550 §6.6), stops ticking, closes both sockets
     * and gives the ports back. Completes when the ports are free; idempotent.
     */
    public CompletableFuture<Void> closeAsync() {
        try {
            loop.execute(this::shutdown);
        } catch (RejectedExecutionException e) {
            engine.ports().release(port);
            closed.complete(null);
        }
        return closed;
    }

    /** {@link #closeAsync()}, waiting up to a second when not called on the session's event loop. */
    @Override
    public void close() {
        CompletableFuture<Void> done = closeAsync();
        if (!loop.inEventLoop()) {
            try {
                done.get(1, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (java.util.concurrent.ExecutionException | TimeoutException e) {
                log.warn("RTP session on port {} did not close cleanly", port, e);
            }
        }
    }

    private void shutdown() {
        if (closing) {
            return;
        }
        closing = true;
        if (registration != null) {
            registration.cancel();
        }
        long now = System.nanoTime();
        List<RtcpPacket> last = report(now);
        last.add(new RtcpPacket.Bye(List.of(sender.ssrc()), Optional.empty()));
        stats = snapshot();
        InetSocketAddress to = remoteRtcp;
        if (to != null && rtcp.isActive()) {
            rtcp.writeAndFlush(rtcpDatagram(last, to)).addListener(f -> closeChannels());
        } else {
            closeChannels();
        }
    }

    private void closeChannels() {
        rtp.close().addListener(a -> rtcp.close().addListener(b -> {
            engine.ports().release(port);
            closed.complete(null);
        }));
    }

    private void tick(long tick, long deadlineNanos) {
        if (closing) {
            return;
        }
        sender.tick(tick, deadlineNanos);
        try {
            handler.playout(deadlineNanos);
        } catch (RuntimeException e) {
            log.warn("playout failed on RTP port {}", port, e);
        }
        send(tick, deadlineNanos);
        if (nextRtcpNanos == Long.MIN_VALUE) {
            nextRtcpNanos = deadlineNanos + rtcpInterval() / 2; // §6.2: the first report may come after half
        } else if (deadlineNanos >= nextRtcpNanos) {
            // stamped when it leaves, not when the tick was due, so that the peer's LSR/DLSR give the true RTT
            sendRtcp(report(System.nanoTime()));
            nextRtcpNanos = deadlineNanos + rtcpInterval();
        }
        if (tick % STATS_EVERY_TICKS == 0) {
            stats = snapshot();
        }
    }

    private void send(long tick, long deadlineNanos) {
        InetSocketAddress to = remoteRtp;
        if (to == null) {
            return; // no answer yet: leave the source untouched so that a prompt starts at its beginning
        }
        PendingEvent event = events.peek();
        RtpPayload payload;
        try {
            payload = handler.nextPayload();
        } catch (RuntimeException e) {
            log.warn("payload source failed on RTP port {}", port, e);
            payload = null;
        }
        RtpPacket packet;
        if (event != null) {
            if (event.timestamp < 0) {
                event.timestamp = sender.timestampAt(tick);
            }
            RtpEventPacket next = event.packets.get(event.next++);
            packet = sender.packet(next.marker(), event.payloadType, event.timestamp, next.payload());
            if (event.next == event.packets.size()) {
                events.poll();
            }
        } else if (payload != null) {
            // RFC 3551 §4.1: the marker bit flags the first packet after silence
            packet = sender.packet(!talking, payload.payloadType(), sender.timestampAt(tick), payload.data());
            talking = true;
        } else {
            talking = false;
            return;
        }
        ByteBuf buf = rtp.alloc().directBuffer(packet.encodedLength());
        packet.writeTo(buf);
        rtp.writeAndFlush(new DatagramPacket(buf, to), rtp.voidPromise());
        engine.pacing().record(System.nanoTime() - deadlineNanos);
    }

    /** §6.3.1: each interval is the mean times a random factor in [0.5, 1.5), so reports do not synchronise. */
    private long rtcpInterval() {
        return (long) (rtcpIntervalNanos * (0.5 + random.nextDouble()));
    }

    /** SR when we sent since the last report, else RR (§6.4), then SDES CNAME (§6.1 compound rules). */
    private List<RtcpPacket> report(long nowNanos) {
        List<ReportBlock> blocks = source == null ? List.of() : List.of(source.reportBlock(nowNanos));
        List<RtcpPacket> packets = new ArrayList<>(3);
        if (sender.sentSinceLastReport()) {
            packets.add(new RtcpPacket.SenderReport(sender.ssrc(), engine.ntp().ntpAt(nowNanos),
                    sender.timestampAtNanos(nowNanos), sender.packets() & 0xFFFF_FFFFL,
                    sender.octets() & 0xFFFF_FFFFL, blocks));
        } else {
            packets.add(new RtcpPacket.ReceiverReport(sender.ssrc(), blocks));
        }
        packets.add(new RtcpPacket.SourceDescription(
                List.of(new RtcpPacket.SourceDescription.Chunk(sender.ssrc(), Optional.of(cname)))));
        return packets;
    }

    private void sendRtcp(List<RtcpPacket> packets) {
        InetSocketAddress to = remoteRtcp;
        if (to != null) {
            rtcp.writeAndFlush(rtcpDatagram(packets, to), rtcp.voidPromise());
        }
    }

    private DatagramPacket rtcpDatagram(List<RtcpPacket> packets, InetSocketAddress to) {
        ByteBuf buf = rtcp.alloc().directBuffer(128);
        RtcpCompound.write(packets, buf);
        return new DatagramPacket(buf, to);
    }

    private void rtpReceived(ByteBuf content, InetSocketAddress from, long now) {
        if (RtpPacket.isMultiplexedRtcp(content)) {
            rtcpReceived(content, from, now, false); // RFC 5761 §4
            return;
        }
        RtpPacket packet = RtpPacket.parse(content);
        RtpSource.Verdict verdict;
        if (source != null && packet.ssrc() == source.ssrc()) {
            verdict = source.update(packet.sequenceNumber());
        } else {
            // RFC 3550 §8.2 / A.1: a new SSRC must prove itself with sequential packets
            if (candidate == null || candidate.ssrc() != packet.ssrc()) {
                candidate = new RtpSource(packet.ssrc(), packet.sequenceNumber(), clockRate);
            }
            verdict = candidate.update(packet.sequenceNumber());
            if (verdict == RtpSource.Verdict.VALID) {
                if (source != null) {
                    log.info("RTP port {}: source changed from {} to {}", port, Long.toHexString(source.ssrc()),
                            Long.toHexString(packet.ssrc()));
                }
                source = candidate;
                candidate = null;
                verdict = RtpSource.Verdict.RESTARTED;
            }
        }
        if (verdict == RtpSource.Verdict.INVALID) {
            return;
        }
        if (verdict == RtpSource.Verdict.RESTARTED) {
            sourceChanges++;
            handler.sourceChanged(packet.ssrc());
        }
        InetSocketAddress signalled = remoteRtp;
        if (signalled != null && !from.equals(signalled)) {
            // only once SDP named a peer: before that, whoever sprays our port must not get our audio
            log.info("RTP port {}: latched to {} (was {})", port, from, signalled);
            remoteRtp = from;
        }
        source.updateJitter(packet.timestamp(), now);
        packetsReceived++;
        octetsReceived += packet.payload().length;
        handler.received(packet, now);
    }

    private void rtcpReceived(ByteBuf content, InetSocketAddress from, long now, boolean ownPort) {
        List<RtcpPacket> packets = RtcpCompound.parse(content);
        if (ownPort && remoteRtcp != null && !from.equals(remoteRtcp)) {
            log.info("RTCP port {}: latched to {} (was {})", port + 1, from, remoteRtcp);
            remoteRtcp = from;
        }
        for (RtcpPacket packet : packets) {
            if (packet instanceof RtcpPacket.SenderReport sr) {
                if (source != null && sr.ssrc() == source.ssrc()) {
                    source.senderReportReceived(sr.ntpTimestamp(), now);
                }
                roundTrip(sr.reports(), now);
            } else if (packet instanceof RtcpPacket.ReceiverReport rr) {
                roundTrip(rr.reports(), now);
            } else if (packet instanceof RtcpPacket.Bye bye) {
                log.debug("RTP port {}: BYE from {} {}", port, bye.ssrcs(), bye.reason().orElse(""));
            }
        }
    }

    /** §6.4.1: RTT = A - LSR - DLSR, all in 1/65536 s, for a block about us that echoes one of our SRs. */
    private void roundTrip(List<ReportBlock> blocks, long now) {
        for (ReportBlock block : blocks) {
            if (block.ssrc() == sender.ssrc() && block.lastSr() != 0) {
                long arrival = NtpClock.middle32(engine.ntp().ntpAt(now));
                long units = (arrival - block.lastSr() - block.delaySinceLastSr()) & 0xFFFF_FFFFL;
                if (units < 0x8000_0000L) { // a negative RTT means a bogus report
                    roundTrip = OptionalDouble.of(NtpClock.compactUnitsToMillis(units));
                }
            }
        }
    }

    private RtpStats snapshot() {
        RtpSource s = source;
        return new RtpStats(sender.packets(), sender.octets(), packetsReceived, octetsReceived,
                s == null ? 0 : s.cumulativeLost(), s == null ? 0 : s.lastFractionLost() / 256.0,
                s == null ? 0 : s.jitterMillis(), roundTrip, malformed, sourceChanges);
    }

    /** An RFC 4733 event being sent. */
    private static final class PendingEvent {
        final int payloadType;
        final List<RtpEventPacket> packets;
        int next;
        long timestamp = -1;

        PendingEvent(int payloadType, List<RtpEventPacket> packets) {
            this.payloadType = payloadType;
            this.packets = packets;
        }
    }

    /** Receives datagrams; bad ones are counted and dropped, never thrown down the pipeline. */
    private final class Inbound extends SimpleChannelInboundHandler<DatagramPacket> {
        private final boolean rtcpPort;

        Inbound(boolean rtcpPort) {
            this.rtcpPort = rtcpPort;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket datagram) {
            if (closing) {
                return;
            }
            long now = System.nanoTime();
            try {
                if (rtcpPort) {
                    rtcpReceived(datagram.content(), datagram.sender(), now, true);
                } else {
                    rtpReceived(datagram.content(), datagram.sender(), now);
                }
            } catch (MalformedPacketException e) {
                malformed++;
                log.debug("port {}: dropped malformed datagram from {}: {}", port + (rtcpPort ? 1 : 0),
                        datagram.sender(), e.getMessage());
            } catch (RuntimeException e) {
                log.warn("port {}: handling a datagram from {} failed", port + (rtcpPort ? 1 : 0),
                        datagram.sender(), e);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            // e.g. ICMP port unreachable surfacing as a failed write: media goes on
            log.debug("port {}: {}", port + (rtcpPort ? 1 : 0), cause.toString());
        }
    }
}
