package io.dialer.sip.transport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DatagramPacket;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads UDP datagrams, each one whole SIP message (RFC 3261 §18.3), on the listener
 * socket and on the connected per-destination sockets alike. On a connected socket it
 * also turns an ICMP port unreachable into a transport error for that destination and
 * closes the socket when the flow has been idle.
 */
final class DatagramHandler extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(DatagramHandler.class);

    private final PacketListener packets;
    private final TransportErrorListener errors;
    private final int maxMessageBytes;
    private final TransportCounters counters;

    DatagramHandler(PacketListener packets, TransportErrorListener errors, int maxMessageBytes,
                    TransportCounters counters) {
        this.packets = packets;
        this.errors = errors;
        this.maxMessageBytes = maxMessageBytes;
        this.counters = counters;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            ByteBuf content;
            InetSocketAddress sender;
            if (msg instanceof DatagramPacket packet) {
                content = packet.content();
                sender = packet.sender();
            } else if (msg instanceof ByteBuf buf) {
                content = buf;
                sender = (InetSocketAddress) ctx.channel().remoteAddress();
            } else {
                return;
            }
            if (content.readableBytes() > maxMessageBytes) {
                counters.oversizedDatagram();
                log.debug("dropped a {}-byte datagram from {}: larger than {} bytes",
                        content.readableBytes(), sender, maxMessageBytes);
                return;
            }
            // A datagram of only CRLFs is a RFC 5626 §4.4.1 keep-alive or noise, never a message.
            if (isOnlyWhitespace(content)) {
                return;
            }
            byte[] bytes = ByteBufUtil.getBytes(content);
            Flow flow = new Flow(Transport.UDP, sender, (InetSocketAddress) ctx.channel().localAddress());
            deliver(flow, bytes);
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    private void deliver(Flow flow, byte[] bytes) {
        try {
            packets.onPacket(new InboundPacket(flow, bytes));
        } catch (RuntimeException e) {
            log.warn("packet listener failed on a datagram from {}", flow.remote(), e);
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof IdleStateEvent) {
            ctx.close();
        } else {
            ctx.fireUserEventTriggered(evt);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        InetSocketAddress peer = (InetSocketAddress) ctx.channel().remoteAddress();
        // Both epoll and NIO turn ECONNREFUSED on a connected datagram socket into this exception.
        if (peer != null && cause instanceof PortUnreachableException) {
            // RFC 3261 §18.4: an ICMP error is a transport error the transaction must see now.
            Endpoint destination = Endpoint.of(Transport.UDP, peer);
            counters.icmpUnreachableReceived();
            log.debug("ICMP port unreachable from {}", destination);
            notifyError(destination, TransportErrors.describe(destination, cause));
            // The connected socket has done its job; the next send opens a fresh one.
            ctx.close();
            return;
        }
        log.debug("UDP socket {} error", ctx.channel().localAddress(), cause);
    }

    private void notifyError(Endpoint destination, TransportException error) {
        try {
            errors.onTransportError(destination, error);
        } catch (RuntimeException e) {
            log.warn("transport error listener failed for {}", destination, e);
        }
    }

    private static boolean isOnlyWhitespace(ByteBuf content) {
        for (int i = content.readerIndex(); i < content.writerIndex(); i++) {
            byte b = content.getByte(i);
            if (b != '\r' && b != '\n') {
                return false;
            }
        }
        return true;
    }
}
