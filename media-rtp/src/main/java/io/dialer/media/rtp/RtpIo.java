package io.dialer.media.rtp;

import io.netty.channel.IoHandlerFactory;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;

/**
 * The Netty I/O flavour for media sockets: Linux epoll when its native library loads,
 * Java NIO otherwise (the same choice sip-stack's transport makes; media knows nothing
 * of SIP, so it makes it itself).
 */
record RtpIo(String name, IoHandlerFactory handlerFactory, Class<? extends DatagramChannel> datagramChannel) {

    static RtpIo select(boolean preferNative) {
        if (preferNative && Epoll.isAvailable()) {
            return new RtpIo("epoll", EpollIoHandler.newFactory(), EpollDatagramChannel.class);
        }
        return new RtpIo("nio", NioIoHandler.newFactory(), NioDatagramChannel.class);
    }
}
