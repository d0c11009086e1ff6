package io.dialer.benchmarks;

import gov.nist.javax.sip.message.SIPMessage;
import io.dialer.sip.message.DecodeResult;
import io.dialer.sip.message.FramedMessage;
import io.dialer.sip.message.MalformedMessageException;
import io.dialer.sip.message.MessageDecoder;
import io.dialer.sip.message.MessageEncoder;
import io.dialer.sip.message.MessageFramer;
import io.dialer.sip.message.MessageLimits;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * The message layer's cost per message: framing only (what the transaction
 * layer needs to match), a full decode (framing, checks and jain-sip's parse)
 * and encoding, for a typical ~900-byte INVITE with SDP and its 200 OK.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class MessageCodecBenchmark {

    static final String SDP = ""
            + "v=0\r\n"
            + "o=dialer 3928493841 3928493841 IN IP4 127.0.0.1\r\n"
            + "s=-\r\n"
            + "c=IN IP4 127.0.0.1\r\n"
            + "t=0 0\r\n"
            + "m=audio 40000 RTP/AVP 0 8 101\r\n"
            + "a=rtpmap:0 PCMU/8000\r\n"
            + "a=rtpmap:8 PCMA/8000\r\n"
            + "a=rtpmap:101 telephone-event/8000\r\n"
            + "a=fmtp:101 0-16\r\n"
            + "a=ptime:20\r\n"
            + "a=sendrecv\r\n";

    static final String INVITE = ""
            + "INVITE sip:+15557654321@127.0.0.1:5062;transport=udp SIP/2.0\r\n"
            + "Via: SIP/2.0/UDP 127.0.0.1:5060;rport;branch=z9hG4bK-524287-1---a6f1c3d2e4b5\r\n"
            + "Max-Forwards: 70\r\n"
            + "Contact: <sip:dialer@127.0.0.1:5060;transport=udp>\r\n"
            + "To: <sip:+15557654321@127.0.0.1:5062>\r\n"
            + "From: \"Dialer\" <sip:+15551230000@127.0.0.1:5060>;tag=8c2f1e4a\r\n"
            + "Call-ID: 5f0a3c7e-2b1d-4f6a-9e8c-1d2b3a4c5e6f@127.0.0.1\r\n"
            + "CSeq: 1 INVITE\r\n"
            + "Allow: INVITE, ACK, CANCEL, BYE, OPTIONS, REFER, NOTIFY, INFO\r\n"
            + "Supported: replaces, timer\r\n"
            + "Session-Expires: 1800;refresher=uac\r\n"
            + "Min-SE: 90\r\n"
            + "User-Agent: dialer/0.1\r\n"
            + "P-Asserted-Identity: <sip:+15551230000@127.0.0.1>\r\n"
            + "Content-Type: application/sdp\r\n"
            + "Content-Length: " + SDP.length() + "\r\n"
            + "\r\n"
            + SDP;

    static final String OK_200 = ""
            + "SIP/2.0 200 OK\r\n"
            + "Via: SIP/2.0/UDP 127.0.0.1:5060;rport=5060;branch=z9hG4bK-524287-1---a6f1c3d2e4b5;received=127.0.0.1\r\n"
            + "Record-Route: <sip:127.0.0.1:5062;lr>\r\n"
            + "Contact: <sip:callee@127.0.0.1:5062>\r\n"
            + "To: <sip:+15557654321@127.0.0.1:5062>;tag=as6151ad25\r\n"
            + "From: \"Dialer\" <sip:+15551230000@127.0.0.1:5060>;tag=8c2f1e4a\r\n"
            + "Call-ID: 5f0a3c7e-2b1d-4f6a-9e8c-1d2b3a4c5e6f@127.0.0.1\r\n"
            + "CSeq: 1 INVITE\r\n"
            + "Allow: INVITE, ACK, CANCEL, BYE, OPTIONS\r\n"
            + "Content-Type: application/sdp\r\n"
            + "Content-Length: " + SDP.length() + "\r\n"
            + "\r\n"
            + SDP;

    private final MessageFramer framer = new MessageFramer(MessageLimits.DEFAULTS);
    private final MessageDecoder decoder = new MessageDecoder(MessageLimits.DEFAULTS, "127.0.0.1");
    private final MessageEncoder encoder = new MessageEncoder();

    private byte[] invite;
    private byte[] ok;
    private SIPMessage inviteMessage;
    private SIPMessage okMessage;

    @Setup
    public void setUp() {
        invite = INVITE.getBytes(StandardCharsets.US_ASCII);
        ok = OK_200.getBytes(StandardCharsets.US_ASCII);
        inviteMessage = decoded(invite);
        okMessage = decoded(ok);
    }

    private SIPMessage decoded(byte[] bytes) {
        DecodeResult result = decoder.decode(bytes, false);
        if (!(result instanceof DecodeResult.Decoded d)) {
            throw new IllegalStateException("benchmark message does not decode: " + result);
        }
        return d.message();
    }

    @Benchmark
    public FramedMessage frameInvite() throws MalformedMessageException {
        return framer.frame(invite, false);
    }

    @Benchmark
    public FramedMessage frameOk() throws MalformedMessageException {
        return framer.frame(ok, false);
    }

    @Benchmark
    public DecodeResult decodeInvite() {
        return decoder.decode(invite, false);
    }

    @Benchmark
    public DecodeResult decodeOk() {
        return decoder.decode(ok, false);
    }

    @Benchmark
    public byte[] encodeInvite() {
        return encoder.encode(inviteMessage);
    }

    @Benchmark
    public byte[] encodeOk() {
        return encoder.encode(okMessage);
    }
}
