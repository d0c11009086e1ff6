package io.dialer.sip.transport;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.DatagramPacket;
import io.netty.handler.timeout.IdleStateHandler;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SIP over UDP (RFC 3261 §18): one datagram is one message.
 *
 * <p>Linux reports an ICMP port unreachable only to a <em>connected</em> UDP socket.
 * So besides the listener socket this transport keeps, per destination, a socket
 * connected to that destination and bound to the same local address and port
 * (SO_REUSEPORT). Messages leave with our listening port as source, as Via and
 * rport expect (RFC 3581), and the kernel prefers the connected socket for datagrams
 * coming back from that peer, so they are read there and delivered like any other.
 * An ICMP error then fails the next write at once and is reported to the
 * {@link TransportErrorListener} as soon as it arrives. Flows idle for the idle
 * timeout are closed; when SO_REUSEPORT is missing or the flow cap is reached,
 * sends fall back to the unconnected listener socket (no ICMP reporting).
 */
final class UdpTransport implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(UdpTransport.class);
    private static final int SOCKET_BUFFER_BYTES = 4 * 1024 * 1024;

    private final NativeIo io;
    private final EventLoopGroup group;
    private final TransportSettings settings;
    private final DatagramHandlerFactory handlers;
    private final ConcurrentMap<InetSocketAddress, ChannelFuture> flows = new ConcurrentHashMap<>();
    private volatile Channel listener;
    private volatile boolean closed;

    /** Builds a fresh handler per channel; the handler is stateless but keeps its channel's context. */
    interface DatagramHandlerFactory {
        DatagramHandler create();
    }

    UdpTransport(NativeIo io, EventLoopGroup group, TransportSettings settings, DatagramHandlerFactory handlers) {
        this.io = io;
        this.group = group;
        this.settings = settings;
        this.handlers = handlers;
    }

    /** Binds the listener socket and waits until it is bound. */
    void bind() throws InterruptedException {
        Bootstrap b = baseBootstrap();
        b.handler(new ChannelInitializer<DatagramChannel>() {
            @Override
            protected void initChannel(DatagramChannel ch) {
                ch.pipeline().addLast(handlers.create());
            }
        });
        listener = b.bind(settings.bindAddress(), settings.udpPort()).sync().channel();
    }

    InetSocketAddress localAddress() {
        return (InetSocketAddress) listener.localAddress();
    }

    /** Number of connected per-destination sockets currently open. */
    int flowCount() {
        return flows.size();
    }

    CompletableFuture<Void> send(Endpoint destination, byte[] bytes) {
        CompletableFuture<Void> result = new CompletableFuture<>();
        if (closed) {
            result.completeExceptionally(new TransportException(destination, "transport layer is closed", null));
            return result;
        }
        InetSocketAddress to = destination.address();
        ChannelFuture flow = flows.get(to);
        if (flow != null && flow.isDone() && !flow.channel().isActive()) {
            // Closed after an ICMP error or idle timeout but not yet out of the table.
            flows.remove(to, flow);
            flow = null;
        }
        if (flow == null && (!io.reusePortSupported() || flows.size() >= settings.maxConnections())) {
            writeUnconnected(destination, bytes, result);
            return result;
        }
        if (flow == null) {
            flow = flows.computeIfAbsent(to, this::openFlow);
        }
        flow.addListener((ChannelFuture f) -> {
            if (!f.isSuccess()) {
                // Binding a second socket to the port failed; the listener still reaches the peer.
                log.debug("could not open a connected UDP socket to {}; sending unconnected", destination, f.cause());
                writeUnconnected(destination, bytes, result);
                return;
            }
            f.channel().writeAndFlush(Unpooled.wrappedBuffer(bytes)).addListener(w -> {
                if (w.isSuccess()) {
                    result.complete(null);
                } else {
                    result.completeExceptionally(TransportErrors.describe(destination, w.cause()));
                }
            });
        });
        return result;
    }

    private ChannelFuture openFlow(InetSocketAddress to) {
        Bootstrap b = baseBootstrap();
        b.handler(new ChannelInitializer<DatagramChannel>() {
            @Override
            protected void initChannel(DatagramChannel ch) {
                ch.pipeline().addLast(new IdleStateHandler(0, 0,
                        settings.idleTimeout().toMillis(), TimeUnit.MILLISECONDS));
                ch.pipeline().addLast(handlers.create());
            }
        });
        ChannelFuture future = b.connect(to, localAddress());
        future.channel().closeFuture().addListener(c -> flows.remove(to, future));
        future.addListener((ChannelFuture f) -> {
            if (!f.isSuccess()) {
                flows.remove(to, future);
            }
        });
        return future;
    }

    private void writeUnconnected(Endpoint destination, byte[] bytes, CompletableFuture<Void> result) {
        listener.writeAndFlush(new DatagramPacket(Unpooled.wrappedBuffer(bytes), destination.address()))
                .addListener(w -> {
                    if (w.isSuccess()) {
                        result.complete(null);
                    } else {
                        result.completeExceptionally(TransportErrors.describe(destination, w.cause()));
                    }
                });
    }

    private Bootstrap baseBootstrap() {
        Bootstrap b = new Bootstrap().group(group).channel(io.datagramChannel());
        io.reusePort(b);
        // One buffer large enough for the largest datagram; anything above maxMessageBytes is dropped.
        b.option(ChannelOption.RECVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(65_536));
        // The kernel's default (about 208 KiB, a few hundred datagrams of skb overhead) overflows
        // in bursts at a few hundred calls per second, and a dropped 200 OK costs a retransmission
        // or a Timer B. The kernel caps the request at net.core.rmem_max / wmem_max.
        b.option(ChannelOption.SO_RCVBUF, SOCKET_BUFFER_BYTES);
        b.option(ChannelOption.SO_SNDBUF, SOCKET_BUFFER_BYTES);
        return b;
    }

    @Override
    public void close() {
        closed = true;
        for (ChannelFuture f : flows.values()) {
            f.channel().close();
        }
        if (listener != null) {
            listener.close().syncUninterruptibly();
        }
    }
}
