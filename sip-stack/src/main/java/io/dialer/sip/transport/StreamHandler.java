package io.dialer.sip.transport;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.timeout.IdleStateEvent;
import java.net.InetSocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tail of a TCP or TLS pipeline: hands each framed message to the
 * {@link PacketListener} with the connection's {@link Flow}, closes the connection
 * when it has been idle, and makes sure no exception travels further.
 */
final class StreamHandler extends SimpleChannelInboundHandler<byte[]> {

    private static final Logger log = LoggerFactory.getLogger(StreamHandler.class);

    private final Transport transport;
    private final PacketListener packets;

    StreamHandler(Transport transport, PacketListener packets) {
        this.transport = transport;
        this.packets = packets;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, byte[] message) {
        Flow flow = new Flow(transport, (InetSocketAddress) ctx.channel().remoteAddress(),
                (InetSocketAddress) ctx.channel().localAddress());
        try {
            packets.onPacket(new InboundPacket(flow, message));
        } catch (RuntimeException e) {
            log.warn("packet listener failed on a message from {}", flow.remote(), e);
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof IdleStateEvent) {
            log.debug("closing idle {} connection with {}", transport, ctx.channel().remoteAddress());
            ctx.close();
            return;
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // Resets, TLS alerts and decoder bugs all end here: log, close, never rethrow.
        log.debug("{} connection with {} failed: {}", transport, ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }
}
