package io.dialer.benchmarks;

import io.dialer.sip.message.DecodeResult;
import io.dialer.sip.message.MessageDecoder;
import io.dialer.sip.message.MessageLimits;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * What our UAC decodes per call in {@code scripts/bench/cps.sh}: the three
 * responses {@code sipp -sn uas} sends (180 Ringing, 200 OK with SDP, 200 to
 * the BYE), as SIPp writes them. Every call has its own Call-ID, tags and
 * branches, and calls follow each other as they do on the wire (4,096
 * distinct calls in turn), so per-call fields are new to the decoder and
 * only what really repeats between calls repeats here.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class CallResponsesBenchmark {

    private static final int CALLS = 4096;

    private static final String SDP = ""
            + "v=0\r\n"
            + "o=user1 53655765 2353687637 IN IP4 127.0.0.1\r\n"
            + "s=-\r\n"
            + "c=IN IP4 127.0.0.1\r\n"
            + "t=0 0\r\n"
            + "m=audio 6000 RTP/AVP 0\r\n"
            + "a=rtpmap:0 PCMU/8000\r\n";

    private final MessageDecoder decoder = new MessageDecoder(MessageLimits.DEFAULTS, "127.0.0.1");
    private final byte[][][] calls = new byte[CALLS][][];
    private int next;

    @Setup
    public void setUp() {
        for (int i = 0; i < CALLS; i++) {
            calls[i] = call(i);
        }
    }

    /** The three responses of one call, decoded in order. */
    @Benchmark
    public void decodeCall(Blackhole bh) {
        byte[][] call = calls[next];
        next = (next + 1) & (CALLS - 1);
        for (byte[] message : call) {
            DecodeResult r = decoder.decode(message, false);
            if (!(r instanceof DecodeResult.Decoded)) {
                throw new IllegalStateException("does not decode: " + r);
            }
            bh.consume(r);
        }
    }

    private static byte[][] call(int i) {
        String callId = String.format("%08x-%04x-4f6a-9e8c-%012x@127.0.0.1", i * 7919, i & 0xffff, i * 104729L);
        String fromTag = String.format("%012x", i * 15485863L);
        String toTag = (i + 1) + "SIPpTag01" + (i + 1);
        String inviteBranch = String.format("z9hG4bK%024x", i * 32452843L);
        String byeBranch = String.format("z9hG4bK%024x", i * 49979687L + 1);
        String from = "From: <sip:dialer@127.0.0.1>;tag=" + fromTag + "\r\n";
        String to = "To: <sip:load@127.0.0.1:25062>;tag=" + toTag + "\r\n";
        String contact = "Contact: <sip:127.0.0.1:25062;transport=UDP>\r\n";
        String ringing = "SIP/2.0 180 Ringing\r\n"
                + via(inviteBranch) + from + to
                + "Call-ID: " + callId + "\r\n"
                + "CSeq: 1 INVITE\r\n"
                + contact
                + "Content-Length: 0\r\n\r\n";
        String ok = "SIP/2.0 200 OK\r\n"
                + via(inviteBranch) + from + to
                + "Call-ID: " + callId + "\r\n"
                + "CSeq: 1 INVITE\r\n"
                + contact
                + "Content-Type: application/sdp\r\n"
                + "Content-Length: " + SDP.length() + "\r\n\r\n"
                + SDP;
        String byeOk = "SIP/2.0 200 OK\r\n"
                + via(byeBranch) + from + to
                + "Call-ID: " + callId + "\r\n"
                + "CSeq: 2 BYE\r\n"
                + contact
                + "Content-Length: 0\r\n\r\n";
        return new byte[][] {ascii(ringing), ascii(ok), ascii(byeOk)};
    }

    private static String via(String branch) {
        return "Via: SIP/2.0/UDP 127.0.0.1:40123;rport=40123;branch=" + branch + ";received=127.0.0.1\r\n";
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
