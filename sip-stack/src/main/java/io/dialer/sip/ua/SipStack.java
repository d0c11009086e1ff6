package io.dialer.sip.ua;

import io.dialer.sip.dns.SipResolver;
import io.dialer.sip.message.DecodeResult;
import io.dialer.sip.message.MessageDecoder;
import io.dialer.sip.message.MessageEncoder;
import io.dialer.sip.transaction.EventLoopScheduler;
import io.dialer.sip.transaction.MessageChannel;
import io.dialer.sip.transaction.Scheduler;
import io.dialer.sip.transport.Endpoint;
import io.dialer.sip.transport.InboundPacket;
import io.dialer.sip.transport.Transport;
import io.dialer.sip.transport.TransportException;
import io.dialer.sip.transport.TransportLayer;
import io.netty.channel.EventLoop;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One SIP stack: the transport listeners, the codec, and the transaction,
 * dialog and UA layers on one core thread. Messages are framed and parsed on
 * the I/O threads; everything with state runs on the core thread, so it needs
 * no locks (style.md §4). Two stacks in one JVM share nothing.
 */
public final class SipStack implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SipStack.class);

    private final MultiThreadIoEventLoopGroup coreGroup;
    private final Scheduler scheduler;
    private final MessageDecoder decoder;
    private final MessageEncoder encoder;
    private final TransportLayer transport;
    private final SipResolver resolver;
    /** Null unless the settings carry a message tap. */
    private final MessageTracer tracer;
    private volatile UserAgent userAgent;

    private SipStack(StackSettings settings) {
        // One event loop is the core thread: it runs transactions, dialogs and the UA
        // core, and also carries the DNS resolver's sockets. Kept apart from the I/O threads,
        // which frame and parse: measured faster on two cores than sharing one loop.
        // Every message handed over from an I/O thread wakes it: with epoll that is one
        // eventfd write, cheaper than the JDK selector's wakeup and select bookkeeping.
        boolean epoll = settings.transport().nativeTransport() && Epoll.isAvailable();
        this.coreGroup = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("sip-core", true),
                epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
        EventLoop core = coreGroup.next();
        this.scheduler = new EventLoopScheduler(core);
        this.decoder = new MessageDecoder(settings.limits(), settings.userAgent());
        this.encoder = new MessageEncoder();
        this.transport = TransportLayer.start(settings.transport(), this::onPacket, this::onTransportError);
        SipResolver.Builder dns = SipResolver.builder(core);
        if (epoll) {
            dns.channelTypes(EpollDatagramChannel.class, EpollSocketChannel.class);
        }
        if (settings.dnsServer() != null) {
            dns.nameServer(settings.dnsServer());
        }
        this.resolver = dns.build();
        this.tracer = settings.messageTap() == null ? null : new MessageTracer(settings.messageTap(),
                Clock.systemUTC(), transport, new InetSocketAddress(settings.transport().bindAddress(), 0));
        // Every message the UA core and the transactions send passes here, ACKs and 2xx
        // retransmissions sent outside transactions included (UserAgent.sendStateless).
        MessageChannel channel = tracer == null
                ? (message, destination) -> transport.send(destination, encoder.encode(message))
                : (message, destination) -> {
                    byte[] bytes = encoder.encode(message);
                    tracer.sent(message, destination, bytes);
                    return transport.send(destination, bytes);
                };
        this.userAgent = new UserAgent(scheduler, channel, transport, settings.timers(), settings.userAgent(),
                resolver, settings.offerAnswer());
    }

    /** Binds the listeners and starts the stack. */
    public static SipStack start(StackSettings settings) {
        return new SipStack(settings);
    }

    public UserAgent userAgent() {
        return userAgent;
    }

    /** The stack's core thread and timers. */
    public Scheduler scheduler() {
        return scheduler;
    }

    public InetSocketAddress localAddress(Transport t) {
        return transport.localAddress(t);
    }

    /** Counters of decoded, rejected and dropped messages. */
    public MessageDecoder decoder() {
        return decoder;
    }

    public TransportLayer transport() {
        return transport;
    }

    private void onPacket(InboundPacket packet) {
        UserAgent ua = userAgent;
        if (ua == null) {
            return; // the listeners are bound a moment before the layers above exist
        }
        DecodeResult result = decoder.decode(packet);
        if (result instanceof DecodeResult.Decoded d) {
            if (tracer != null) {
                tracer.received(packet, d.message());
            }
            scheduler.execute(() -> ua.receive(d.message(), packet.flow()));
        } else if (result instanceof DecodeResult.Rejected r) {
            log.debug("rejected message from {}: {}", packet.flow().remote(), r.reason());
            // RFC 3261 §18.2.2 would answer a UDP request at its Via sent-by; a request
            // too broken to parse is answered where it came from, or not at all.
            if (tracer != null) {
                tracer.receivedRejected(packet);
            }
            r.responseBytes().ifPresent(bytes -> {
                if (tracer != null) {
                    tracer.sent(packet.flow().replyEndpoint(), bytes);
                }
                transport.send(packet.flow().replyEndpoint(), bytes);
            });
        }
    }

    private void onTransportError(Endpoint destination, TransportException error) {
        UserAgent ua = userAgent;
        if (ua != null) {
            scheduler.execute(() -> ua.onTransportError(destination, error));
        }
    }

    @Override
    public void close() {
        transport.close();
        resolver.close();
        coreGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
