package io.dialer.sip.transport;

import io.netty.bootstrap.AbstractBootstrap;
import io.netty.channel.ChannelOption;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.ServerSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioChannelOption;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.channel.unix.UnixChannelOption;
import java.io.IOException;
import java.net.StandardSocketOptions;

/**
 * The Netty I/O flavour in use: Linux epoll when the native library loads, Java NIO
 * otherwise. Netty 4.2 drives both through {@code MultiThreadIoEventLoopGroup} with an
 * {@link IoHandlerFactory}; only the channel classes and the SO_REUSEPORT option differ.
 *
 * <p>The epoll Java classes are always on the classpath; only their native library may
 * be missing (another OS or CPU, or a non-executable temp directory), and then
 * {@link Epoll#isAvailable()} is false and NIO is used.
 */
record NativeIo(String name, IoHandlerFactory handlerFactory,
                Class<? extends DatagramChannel> datagramChannel,
                Class<? extends ServerSocketChannel> serverChannel,
                Class<? extends SocketChannel> socketChannel,
                ChannelOption<Boolean> reusePortOption) {

    static NativeIo select(boolean preferNative) {
        if (preferNative && Epoll.isAvailable()) {
            return new NativeIo("epoll", EpollIoHandler.newFactory(), EpollDatagramChannel.class,
                    EpollServerSocketChannel.class, EpollSocketChannel.class, UnixChannelOption.SO_REUSEPORT);
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

    private static ChannelOption<Boolean> nioReusePortOption() {
        try (java.nio.channels.DatagramChannel probe = java.nio.channels.DatagramChannel.open()) {
            return probe.supportedOptions().contains(StandardSocketOptions.SO_REUSEPORT)
                    ? NioChannelOption.of(StandardSocketOptions.SO_REUSEPORT) : null;
        } catch (IOException | UnsupportedOperationException e) {
            return null;
        }
    }
}
