package io.dialer.media.rtp;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of an {@link RtpEngine}.
 *
 * @param bindAddress     local address of the media sockets
 * @param portMin         lowest RTP port
 * @param portMax         highest port (RTCP of the last pair included)
 * @param nativeTransport use epoll when available
 * @param ioThreads       event loops for the media sockets
 * @param clockSlots      slots per 20 ms period of the shared clock, see {@link MediaClock}
 * @param rtcpInterval    mean RTCP report interval: 5 s is RFC 3550 §6.2's minimum, each
 *                        interval is randomised to 0.5–1.5 times it (§6.3.1); tests shorten it
 * @param clockRate       RTP clock rate of the audio (8,000 for G.711)
 */
public record RtpSettings(InetAddress bindAddress, int portMin, int portMax, boolean nativeTransport,
                          int ioThreads, int clockSlots, Duration rtcpInterval, int clockRate) {

    public RtpSettings {
        Objects.requireNonNull(bindAddress, "bindAddress");
        Objects.requireNonNull(rtcpInterval, "rtcpInterval");
        if (ioThreads < 1 || rtcpInterval.isNegative() || rtcpInterval.isZero() || clockRate <= 0) {
            throw new IllegalArgumentException("ioThreads >= 1, rtcpInterval > 0 and clockRate > 0");
        }
    }

    /** Loopback, ports 20000–29999, epoll, one event loop per core, 10 clock slots, RTCP every 5 s, 8 kHz. */
    public static RtpSettings defaults() {
        return new RtpSettings(InetAddress.getLoopbackAddress(), 20000, 29999, true,
                Runtime.getRuntime().availableProcessors(), 10, Duration.ofSeconds(5), 8000);
    }

    public RtpSettings withPorts(int min, int max) {
        return new RtpSettings(bindAddress, min, max, nativeTransport, ioThreads, clockSlots, rtcpInterval, clockRate);
    }

    public RtpSettings withRtcpInterval(Duration interval) {
        return new RtpSettings(bindAddress, portMin, portMax, nativeTransport, ioThreads, clockSlots, interval,
                clockRate);
    }

    public RtpSettings withNativeTransport(boolean preferNative) {
        return new RtpSettings(bindAddress, portMin, portMax, preferNative, ioThreads, clockSlots, rtcpInterval,
                clockRate);
    }

    public RtpSettings withClockSlots(int slots) {
        return new RtpSettings(bindAddress, portMin, portMax, nativeTransport, ioThreads, slots, rtcpInterval,
                clockRate);
    }

    public RtpSettings withIoThreads(int threads) {
        return new RtpSettings(bindAddress, portMin, portMax, nativeTransport, threads, clockSlots, rtcpInterval,
                clockRate);
    }
}
