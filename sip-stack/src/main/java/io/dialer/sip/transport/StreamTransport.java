package io.dialer.sip.transport;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.timeout.IdleStateHandler;
import java.net.InetSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SIP over TCP or TLS (RFC 3261 §18, §26.3.1): a listener, outbound connections, and
 * one table of open connections keyed by {@link ConnectionKey}: the remote address, and
 * for TLS the server name the connection was verified for.
 *
 * <p>Inbound and outbound connections share the table, so a response to a request that
 * came in on a connection goes back on it (RFC 3261 §18.2.2) and a new request to a
 * peer reuses a connection that is already open (§18.1.1). A connection leaves the
 * table when it closes; the next send to that key connects again.
 */
final class StreamTransport implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(StreamTransport.class);
    /**
     * Outbound bytes queued for a peer that does not read: above 1 MiB the connection is
     * unwritable and sends fail instead of growing memory without bound; it is writable
     * again once the queue drains below 256 KiB.
     */
    private static final int QUEUE_LIMIT_MIB = 1;
    private static final WriteBufferWaterMark WATER_MARK =
            new WriteBufferWaterMark(256 * 1024, QUEUE_LIMIT_MIB * 1024 * 1024);

    private final Transport transport;
    private final NativeIo io;
    private final EventLoopGroup group;
    private final TransportSettings settings;
    private final PacketListener packets;
    private final TransportCounters counters;
    private final ConnectionLimit limit;
    private final TlsContexts tls;
    private final ConcurrentMap<ConnectionKey, CompletableFuture<Channel>> connections = new ConcurrentHashMap<>();
    private volatile Channel listener;
    private volatile boolean closed;

    StreamTransport(Transport transport, NativeIo io, EventLoopGroup group, TransportSettings settings,
                    PacketListener packets, TransportCounters counters, ConnectionLimit limit) throws SSLException {
        this.transport = transport;
        this.io = io;
        this.group = group;
        this.settings = settings;
        this.packets = packets;
        this.counters = counters;
        this.limit = limit;
        this.tls = transport.secure() ? new TlsContexts(settings.tls()) : null;
    }

    void bind() throws InterruptedException {
        ServerBootstrap b = new ServerBootstrap()
                .group(group)
                .channel(io.serverChannel())
                .option(ChannelOption.SO_BACKLOG, 1024)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, WATER_MARK)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        acceptInbound(ch);
                    }
                });
        listener = b.bind(settings.bindAddress(), settings.port(transport)).sync().channel();
    }

    private void acceptInbound(SocketChannel ch) {
        if (closed || !limit.tryAcquire()) {
            counters.refusedConnection();
            log.info("refusing {} connection from {}: {} connections open (the limit)",
                    transport, ch.remoteAddress(), limit.max());
            ch.close();
            return;
        }
        ch.closeFuture().addListener(f -> limit.release());
        if (tls != null) {
            ch.pipeline().addLast(tls.serverHandler(ch.alloc()));
        }
        addMessageHandlers(ch.pipeline());
        ConnectionKey key = ConnectionKey.inbound(ch.remoteAddress());
        CompletableFuture<Channel> entry = CompletableFuture.completedFuture(ch);
        connections.put(key, entry);
        ch.closeFuture().addListener(f -> connections.remove(key, entry));
    }

    private void addMessageHandlers(ChannelPipeline p) {
        // The idle handler goes first so that it sees raw reads and writes, TLS records included.
        p.addFirst("idle", new IdleStateHandler(0, 0, settings.idleTimeout().toMillis(), TimeUnit.MILLISECONDS));
        p.addLast("framer", new StreamFramer(settings.maxMessageBytes(), counters));
        p.addLast("messages", new StreamHandler(transport, packets));
    }

    InetSocketAddress localAddress() {
        return listener == null ? null : (InetSocketAddress) listener.localAddress();
    }

    int connectionCount() {
        return connections.size();
    }

    /** Completes when the connection currently open for {@code remote} closes (at once if none). */
    CompletableFuture<Void> whenClosed(Endpoint remote) {
        ConnectionKey key = ConnectionKey.of(remote);
        CompletableFuture<Channel> entry = connections.get(key);
        CompletableFuture<Void> closedFuture = new CompletableFuture<>();
        if (entry == null) {
            closedFuture.complete(null);
            return closedFuture;
        }
        entry.whenComplete((ch, err) -> {
            if (err != null) {
                closedFuture.complete(null);
            } else {
                // Remove the entry here too: listeners registered elsewhere may run after this one,
                // and a caller woken by this future must find the table already updated.
                ch.closeFuture().addListener(f -> {
                    connections.remove(key, entry);
                    closedFuture.complete(null);
                });
            }
        });
        return closedFuture;
    }

    CompletableFuture<Void> send(Endpoint destination, byte[] bytes) {
        CompletableFuture<Void> result = new CompletableFuture<>();
        send(destination, bytes, result, true);
        return result;
    }

    private void send(Endpoint destination, byte[] bytes, CompletableFuture<Void> result, boolean mayRetry) {
        if (closed) {
            result.completeExceptionally(new TransportException(destination, "transport layer is closed", null));
            return;
        }
        CompletableFuture<Channel> fresh = new CompletableFuture<>();
        CompletableFuture<Channel> connection = connections.compute(ConnectionKey.of(destination),
                (key, existing) -> usable(existing) ? existing : fresh);
        if (connection == fresh) {
            // Outside compute(): connect may complete inline and remove the entry again.
            connect(destination, fresh);
        }
        connection.whenComplete((ch, error) -> {
            if (error != null) {
                result.completeExceptionally(TransportErrors.describe(destination, unwrap(error)));
                return;
            }
            if (!ch.isWritable()) {
                result.completeExceptionally(new TransportException(destination, "send queue to "
                        + TransportErrors.hostPort(destination) + " over " + transport + " is full ("
                        + QUEUE_LIMIT_MIB + " MiB waiting): the peer is not reading", null));
                return;
            }
            ch.writeAndFlush(Unpooled.wrappedBuffer(bytes)).addListener(w -> {
                if (w.isSuccess()) {
                    result.complete(null);
                } else if (mayRetry && connection != fresh && w.cause() instanceof ClosedChannelException) {
                    // The reused connection closed under us before a byte was written:
                    // nothing reached the peer, so one new connection may carry it.
                    send(destination, bytes, result, false);
                } else {
                    result.completeExceptionally(TransportErrors.describe(destination, w.cause()));
                }
            });
        });
    }

    private static boolean usable(CompletableFuture<Channel> entry) {
        if (entry == null) {
            return false;
        }
        if (!entry.isDone()) {
            return true;
        }
        return !entry.isCompletedExceptionally() && entry.join().isActive();
    }

    private void connect(Endpoint destination, CompletableFuture<Channel> ready) {
        InetSocketAddress remote = destination.address();
        ConnectionKey key = ConnectionKey.of(destination);
        ready.thenAccept(ch -> ch.closeFuture().addListener(f -> connections.remove(key, ready)));
        if (!limit.tryAcquire()) {
            failConnect(key, ready, new TransportException(destination, "cannot open a " + transport
                    + " connection to " + TransportErrors.hostPort(destination) + ": " + limit.max()
                    + " connections are open (the limit)", null));
            return;
        }
        SslContext tlsClient;
        try {
            tlsClient = tls == null ? null : tls.clientContext(destination);
        } catch (SSLException | RuntimeException e) {
            limit.release();
            failConnect(key, ready, new TransportException(destination, "TLS setup for "
                    + TransportErrors.hostPort(destination) + " failed: " + e.getMessage(), e));
            return;
        }
        Bootstrap b = new Bootstrap()
                .group(group)
                .channel(io.socketChannel())
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) settings.connectTimeout().toMillis())
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.WRITE_BUFFER_WATER_MARK, WATER_MARK)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        if (tlsClient != null) {
                            SslHandler ssl = tls.clientHandler(tlsClient, ch.alloc(), destination);
                            ssl.setHandshakeTimeoutMillis(settings.connectTimeout().toMillis());
                            ch.pipeline().addLast("tls", ssl);
                        }
                        addMessageHandlers(ch.pipeline());
                    }
                });
        ChannelFuture connecting = b.connect(remote);
        connecting.channel().closeFuture().addListener(f -> limit.release());
        connecting.addListener((ChannelFuture f) -> {
            if (!f.isSuccess()) {
                failConnect(key, ready, TransportErrors.describe(destination, f.cause()));
                return;
            }
            SslHandler ssl = f.channel().pipeline().get(SslHandler.class);
            if (ssl == null) {
                ready.complete(f.channel());
                return;
            }
            ssl.handshakeFuture().addListener(h -> {
                if (h.isSuccess()) {
                    ready.complete(f.channel());
                } else {
                    log.debug("TLS handshake with {} failed", destination, h.cause());
                    failConnect(key, ready, TransportErrors.describe(destination, h.cause()));
                    f.channel().close();
                }
            });
        });
    }

    /** Leaves the table before failing, so that whoever sees the failure sees no entry. */
    private void failConnect(ConnectionKey key, CompletableFuture<Channel> ready, Throwable error) {
        connections.remove(key, ready);
        ready.completeExceptionally(error);
    }

    private static Throwable unwrap(Throwable error) {
        return error instanceof java.util.concurrent.CompletionException && error.getCause() != null
                ? error.getCause() : error;
    }

    @Override
    public void close() {
        closed = true;
        if (listener != null) {
            listener.close().syncUninterruptibly();
        }
        for (CompletableFuture<Channel> entry : connections.values()) {
            entry.thenAccept(Channel::close);
        }
    }
}
