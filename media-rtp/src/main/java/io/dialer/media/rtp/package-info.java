/**
 * RTP and RTCP (RFC 3550) over Netty UDP for one dialer: knows nothing of SIP.
 *
 * <p>{@link io.dialer.media.rtp.RtpEngine} owns the media event loops (epoll or NIO),
 * the port range ({@link io.dialer.media.rtp.PortAllocator}) and one
 * {@link io.dialer.media.rtp.MediaClock}, the single timer that ticks every
 * {@link io.dialer.media.rtp.RtpSession} every 20 ms on the session's own event loop.
 * A session moves raw payloads; {@link io.dialer.media.rtp.MediaStream} puts an
 * {@code AudioCodec}, an {@code AudioSource}, an {@code AudioSink} and a
 * {@link io.dialer.media.rtp.JitterBuffer} on top of it. Packets are values
 * ({@link io.dialer.media.rtp.RtpPacket}, {@link io.dialer.media.rtp.RtcpPacket});
 * statistics are immutable snapshots ({@link io.dialer.media.rtp.RtpStats}).
 */
package io.dialer.media.rtp;
