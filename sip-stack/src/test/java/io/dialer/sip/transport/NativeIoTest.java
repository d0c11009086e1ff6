package io.dialer.sip.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.channel.unix.UnixChannelOption;
import org.junit.jupiter.api.Test;

/** Choosing the I/O flavour: epoll when asked for and its native library loads, NIO otherwise. */
class NativeIoTest {

    @Test
    void nativePreferredPicksEpollExactlyWhenItIsAvailable() {
        NativeIo io = NativeIo.select(true);

        if (Epoll.isAvailable()) {
            assertThat(io.name()).isEqualTo("epoll");
            assertThat(io.datagramChannel()).isEqualTo(EpollDatagramChannel.class);
            assertThat(io.reusePortOption()).isSameAs(UnixChannelOption.SO_REUSEPORT);
        } else {
            assertThat(io.name()).isEqualTo("nio");
            assertThat(io.datagramChannel()).isEqualTo(NioDatagramChannel.class);
        }
    }

    @Test
    void nativeNotPreferredAlwaysPicksNio() {
        NativeIo io = NativeIo.select(false);

        assertThat(io.name()).isEqualTo("nio");
        assertThat(io.socketChannel()).isEqualTo(NioSocketChannel.class);
    }
}
