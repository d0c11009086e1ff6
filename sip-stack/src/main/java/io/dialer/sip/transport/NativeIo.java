package io.dialer.sip.transport;

import io.netty.bootstrap.AbstractBootstrap;
import io.netty.channel.ChannelOption;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.ServerSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioChannelOption;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.io.IOException;
import java.net.StandardSocketOptions;

/**
 * The Netty I/O flavour in use: Linux epoll when the native library loads, Java NIO
 * otherwise. Netty 4.2 drives both through {@code MultiThreadIoEventLoopGroup} with an
 * {@link IoHandlerFactory}; only the channel classes and the SO_REUSEPORT option differ.
 *
 * <p>The epoll classes come in with runtime scope (netty-bom's native artifact), so they
 * are looked up by name; when they are missing or the native library does not load,
 * NIO is used.
 */
record NativeIo(String name, IoHandlerFactory handlerFactory,
                Class<? extends DatagramChannel> datagramChannel,
                Class<? extends ServerSocketChannel> serverChannel,
                Class<? extends SocketChannel> socketChannel,
                ChannelOption<Boolean> reusePortOption) {

    private static final String EPOLL = "io.netty.channel.epoll.";

    static NativeIo select(boolean preferNative) {
        if (preferNative) {
            NativeIo epoll = epoll();
            if (epoll != null) {
                return epoll;
            }
        }
        return new NativeIo("nio", NioIoHandler.newFactory(), NioDatagramChannel.class,
                NioServerSocketChannel.class, NioSocketChannel.class, nioReusePortOption());
    }

    boolean reusePortSupported() {
        return reusePortOption != null;
    }

    /**
     * Sets SO_REUSEPORT so that several UDP sockets can share our SIP port: the listener
     * and one connected socket per destination (see {@link UdpTransport}).
     */
    void reusePort(AbstractBootstrap<?, ?> bootstrap) {
        if (reusePortOption != null) {
            bootstrap.option(reusePortOption, true);
        }
    }

    @SuppressWarnings("unchecked")
    private static NativeIo epoll() {
        try {
            Class<?> epoll = Class.forName(EPOLL + "Epoll");
            if (!(Boolean) epoll.getMethod("isAvailable").invoke(null)) {
                return null;
            }
            IoHandlerFactory factory = (IoHandlerFactory) Class.forName(EPOLL + "EpollIoHandler")
                    .getMethod("newFactory").invoke(null);
            ChannelOption<Boolean> reusePort = (ChannelOption<Boolean>)
                    Class.forName("io.netty.channel.unix.UnixChannelOption").getField("SO_REUSEPORT").get(null);
            return new NativeIo("epoll", factory,
                    Class.forName(EPOLL + "EpollDatagramChannel").asSubclass(DatagramChannel.class),
                    Class.forName(EPOLL + "EpollServerSocketChannel").asSubclass(ServerSocketChannel.class),
                    Class.forName(EPOLL + "EpollSocketChannel").asSubclass(SocketChannel.class),
                    reusePort);
        } catch (ReflectiveOperationException | LinkageError | ClassCastException e) {
            return null;
        }
    }

    private static ChannelOption<Boolean> nioReusePortOption() {
        try (java.nio.channels.DatagramChannel probe = java.nio.channels.DatagramChannel.open()) {
            return probe.supportedOptions().contains(StandardSocketOptions.SO_REUSEPORT)
                    ? NioChannelOption.of(StandardSocketOptions.SO_REUSEPORT) : null;
        } catch (IOException | UnsupportedOperationException e) {
            return null;
        }
    }
}
