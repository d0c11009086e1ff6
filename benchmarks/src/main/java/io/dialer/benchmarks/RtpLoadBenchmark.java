package io.dialer.benchmarks;

import com.sun.management.OperatingSystemMXBean;
import io.dialer.media.AudioFrame;
import io.dialer.media.codec.AudioCodec;
import io.dialer.media.rtp.JitterBufferSettings;
import io.dialer.media.rtp.JitterBufferStats;
import io.dialer.media.rtp.MediaStream;
import io.dialer.media.rtp.RtpEngine;
import io.dialer.media.rtp.RtpSession;
import io.dialer.media.rtp.RtpSettings;
import io.dialer.media.rtp.RtpStats;
import io.dialer.media.rtp.SendPacing;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * N concurrent calls of RTP over loopback, both ways, between two engines in this JVM:
 * "ours" (the dialer side, whose pacing is the figure of merit) and a "far" engine
 * standing in for the peer. Each call sends 160-octet payloads (G.711 at 20 ms) every
 * 20 ms in each direction through the full path: AudioSource, codec, shared clock,
 * Netty UDP, RTP/RTCP reception, jitter buffer, AudioSink.
 *
 * <p>Prints one {@code key=value} line: CPU of the whole process (both sides), packets,
 * loss (RFC 3550 A.3, both directions), packets the jitter buffers found too late, mean
 * and worst interarrival jitter (A.8) seen by our receivers, and the send lateness of our
 * packets against their 20 ms deadlines (p50/p99/max).
 *
 * <p>Usage: {@code RtpLoadBenchmark CALLS SECONDS [WARMUP_SECONDS]}; system properties
 * {@code rtp.ourThreads} / {@code rtp.farThreads} set the event loops of each side;
 * {@code rtp.slots} the slots per 20 ms of the media clocks;
 * {@code -Drtp.farSends=false} makes the far side silent (one-way media, half the packets).
 */
public final class RtpLoadBenchmark {

    private RtpLoadBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int calls = Integer.parseInt(args.length > 0 ? args[0] : "200");
        int seconds = Integer.parseInt(args.length > 1 ? args[1] : "30");
        int warmup = Integer.parseInt(args.length > 2 ? args[2] : "5");
        int cores = Runtime.getRuntime().availableProcessors();
        // both sides share this machine: each gets half the cores (more loops than cores only adds
        // context switches between a sender and the receiver it wakes)
        int ourThreads = Integer.getInteger("rtp.ourThreads", Math.max(1, cores / 2));
        int farThreads = Integer.getInteger("rtp.farThreads", Math.max(1, cores / 2));
        boolean farSends = Boolean.parseBoolean(System.getProperty("rtp.farSends", "true"));
        InetAddress loopback = InetAddress.getLoopbackAddress();
        int slots = Integer.getInteger("rtp.slots", RtpSettings.defaults().clockSlots());
        RtpSettings ourSettings = RtpSettings.defaults().withPorts(42000, 42000 + 4 * calls + 999)
                .withIoThreads(ourThreads).withClockSlots(slots);
        RtpSettings farSettings = RtpSettings.defaults().withPorts(51000, 51000 + 4 * calls + 999)
                .withIoThreads(farThreads).withClockSlots(slots);
        AudioCodec codec = new OctetCodec();
        LongAdder framesPlayed = new LongAdder();
        List<MediaStream> ourStreams = new ArrayList<>();
        List<RtpSession> ours = new ArrayList<>();
        List<RtpSession> far = new ArrayList<>();
        AudioFrame tone = tone();
        try (RtpEngine ourEngine = new RtpEngine(ourSettings); RtpEngine farEngine = new RtpEngine(farSettings)) {
            for (int i = 0; i < calls; i++) {
                MediaStream o = new MediaStream(codec, 101, JitterBufferSettings.DEFAULT);
                MediaStream f = new MediaStream(codec, 101, JitterBufferSettings.DEFAULT);
                o.source(() -> tone);
                if (farSends) {
                    f.source(() -> tone);
                }
                o.sink(frame -> framesPlayed.increment());
                RtpSession so = open(ourEngine, o);
                RtpSession sf = open(farEngine, f);
                so.remote(new InetSocketAddress(loopback, sf.localPort()));
                sf.remote(new InetSocketAddress(loopback, so.localPort()));
                ourStreams.add(o);
                ours.add(so);
                far.add(sf);
            }
            Thread.sleep(warmup * 1000L);
            ourEngine.pacing().reset();
            farEngine.pacing().reset();
            ourEngine.clockWakeups().reset();
            OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            long cpu0 = os.getProcessCpuTime();
            long wall0 = System.nanoTime();
            long sent0 = sum(ours, RtpStats::packetsSent) + sum(far, RtpStats::packetsSent);
            long received0 = sum(ours, RtpStats::packetsReceived) + sum(far, RtpStats::packetsReceived);
            Thread.sleep(seconds * 1000L);
            long cpu = os.getProcessCpuTime() - cpu0;
            long wall = System.nanoTime() - wall0;
            long sent = sum(ours, RtpStats::packetsSent) + sum(far, RtpStats::packetsSent) - sent0;
            long received = sum(ours, RtpStats::packetsReceived) + sum(far, RtpStats::packetsReceived) - received0;
            SendPacing.Snapshot ourPacing = ourEngine.pacing().snapshot();
            SendPacing.Snapshot farPacing = farEngine.pacing().snapshot();
            SendPacing.Snapshot wakeups = ourEngine.clockWakeups().snapshot();
            long lost = sum(ours, RtpStats::cumulativeLost) + sum(far, RtpStats::cumulativeLost);
            double jitterMean = ours.stream().mapToDouble(s -> s.stats().jitterMillis()).average().orElse(0);
            double jitterMax = ours.stream().mapToDouble(s -> s.stats().jitterMillis()).max().orElse(0);
            long late = 0;
            long concealed = 0;
            for (MediaStream s : ourStreams) {
                JitterBufferStats j = s.jitterBufferStats();
                late += j.late();
                concealed += j.concealed();
            }
            System.out.printf(java.util.Locale.ROOT,
                    "calls=%d seconds=%d io=%s slots=%d our_loops=%d far_loops=%d cores=%d cpu_pct_of_machine=%.1f "
                            + "packets_sent=%d packets_received=%d pps=%.0f lost_a3=%d jb_late=%d jb_concealed=%d "
                            + "rx_jitter_ms_mean=%.3f rx_jitter_ms_max=%.3f "
                            + "send_lateness_ms_p50=%.3f send_lateness_ms_p99=%.3f send_lateness_ms_max=%.3f "
                            + "clock_wake_ms_p50=%.3f clock_wake_ms_p99=%.3f far_send_lateness_ms_p99=%.3f%n",
                    calls, seconds, ourEngine.ioName(), slots, ourThreads, farThreads, cores,
                    100.0 * cpu / wall / cores, sent, received, sent * 1e9 / wall, lost, late, concealed,
                    jitterMean, jitterMax, ourPacing.p50Millis(), ourPacing.p99Millis(), ourPacing.maxMillis(),
                    wakeups.p50Millis(), wakeups.p99Millis(), farPacing.p99Millis());
            for (int i = 0; i < calls; i++) {
                ourStreams.get(i).source(null);
                ours.get(i).closeAsync();
                far.get(i).closeAsync();
            }
            for (int i = 0; i < calls; i++) {
                ours.get(i).close();
                far.get(i).close();
            }
        }
    }

    private static RtpSession open(RtpEngine engine, MediaStream stream) throws IOException {
        return engine.open(stream);
    }

    private static long sum(List<RtpSession> sessions, java.util.function.ToLongFunction<RtpStats> f) {
        long total = 0;
        for (RtpSession s : sessions) {
            total += f.applyAsLong(s.stats());
        }
        return total;
    }

    /** A 1 kHz tone at -10 dBFS. */
    private static AudioFrame tone() {
        short[] samples = new short[AudioFrame.SAMPLES];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = (short) (10362 * Math.sin(2 * Math.PI * 1000 * i / 8000.0));
        }
        return new AudioFrame(samples);
    }

    /** One octet per sample like G.711 (high byte of linear PCM), to keep the benchmark free of codec choices. */
    private static final class OctetCodec implements AudioCodec {
        @Override
        public int payloadType() {
            return 96;
        }

        @Override
        public String encodingName() {
            return "L8";
        }

        @Override
        public int clockRate() {
            return 8000;
        }

        @Override
        public byte[] encode(short[] samples) {
            byte[] out = new byte[samples.length];
            for (int i = 0; i < samples.length; i++) {
                out[i] = (byte) (samples[i] >> 8);
            }
            return out;
        }

        @Override
        public short[] decode(byte[] payload) {
            short[] out = new short[payload.length];
            for (int i = 0; i < payload.length; i++) {
                out[i] = (short) (payload[i] << 8);
            }
            return out;
        }
    }
}
