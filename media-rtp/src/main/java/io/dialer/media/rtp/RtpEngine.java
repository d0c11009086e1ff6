package io.dialer.media.rtp;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.net.BindException;
import java.util.OptionalInt;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The media engine of one dialer: the event loops of the media sockets, the port range
 * and the one shared {@link MediaClock}. Opens {@link RtpSession}s. Two engines in one
 * JVM share nothing.
 */
public final class RtpEngine implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RtpEngine.class);

    private final RtpSettings settings;
    private final RtpIo io;
    private final EventLoopGroup group;
    private final MediaClock clock;
    private final PortAllocator ports;
    private final SendPacing pacing = new SendPacing();
    private final NtpClock ntp = NtpClock.system();
    private final SplittableRandom random;

    /** Starts the event loops and the clock. */
    public RtpEngine(RtpSettings settings) {
        this(settings, new SplittableRandom());
    }

    /** With a seeded random source for SSRCs, initial numbers and RTCP intervals (tests). */
    public RtpEngine(RtpSettings settings, SplittableRandom random) {
        this.settings = settings;
        this.random = random;
        this.ports = new PortAllocator(settings.portMin(), settings.portMax());
        this.io = RtpIo.select(settings.nativeTransport());
        this.group = new MultiThreadIoEventLoopGroup(settings.ioThreads(), new DefaultThreadFactory("rtp-io", true),
                io.handlerFactory());
        this.clock = new MediaClock("rtp-clock", settings.clockSlots());
        log.info("RTP engine: {} I/O, {} event loops, ports {}-{}", io.name(), settings.ioThreads(),
                settings.portMin(), settings.portMax());
    }

    /**
     * Binds a session on the next free even port of the range, RTCP on the port above,
     * skipping ports something else holds. Sends nothing until {@link RtpSession#remote} is set.
     *
     * @throws BindException when no pair of the range could be bound
     */
    public RtpSession open(RtpHandler handler) throws IOException {
        for (int attempt = 0; attempt < ports.capacity(); attempt++) {
            OptionalInt port = ports.acquire();
            if (port.isEmpty()) {
                break;
            }
            EventLoop loop = group.next();
            RtpSession session;
            synchronized (random) {
                session = new RtpSession(this, handler, loop, port.getAsInt(), random.split());
            }
            Channel rtp = null;
            try {
                rtp = bind(loop, port.getAsInt(), session.rtpInbound());
                Channel rtcp = bind(loop, port.getAsInt() + 1, session.rtcpInbound());
                session.start(rtp, rtcp);
                return session;
            } catch (Exception e) { // Netty rethrows the bind's IOException unchecked
                log.debug("RTP port pair {} unavailable: {}", port.getAsInt(), e.toString());
                if (rtp != null) {
                    rtp.close().syncUninterruptibly();
                }
                ports.release(port.getAsInt());
            }
        }
        throw new BindException("no free RTP port pair in " + settings.portMin() + "-" + settings.portMax());
    }

    private Channel bind(EventLoop loop, int port, ChannelHandler handler) {
        return new Bootstrap().group(loop).channel(io.datagramChannel()).handler(handler)
                .bind(settings.bindAddress(), port).syncUninterruptibly().channel();
    }

    /** Send lateness of all sessions of this engine. */
    public SendPacing pacing() {
        return pacing;
    }

    /** How late the shared clock woke against its deadlines. */
    public SendPacing clockWakeups() {
        return clock.wakeups();
    }

    /** "epoll" or "nio". */
    public String ioName() {
        return io.name();
    }

    /** The port range's allocator, e.g. to see how many pairs are leased. */
    public PortAllocator ports() {
        return ports;
    }

    RtpSettings settings() {
        return settings;
    }

    MediaClock clock() {
        return clock;
    }

    NtpClock ntp() {
        return ntp;
    }

    /** Stops the clock and the event loops; sessions still open are dropped without BYE. */
    @Override
    public void close() {
        clock.close();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
