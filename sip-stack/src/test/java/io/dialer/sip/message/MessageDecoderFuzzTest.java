package io.dialer.sip.message;

import com.code_intelligence.jazzer.junit.FuzzTest;
import gov.nist.javax.sip.message.SIPRequest;
import io.dialer.sip.message.DecodeResult.Decoded;
import io.dialer.sip.message.DecodeResult.Rejected;

import java.nio.charset.StandardCharsets;

/**
 * Jazzer target for the decoder. Invariants, for any bytes, as a datagram and
 * as a stream message:
 * <ul>
 *   <li>{@link MessageDecoder#decode} never throws;</li>
 *   <li>a rejection always says why;</li>
 *   <li>a decoded message re-encodes, and decoding that again does not throw (it need not
 *       succeed: jain-sip rewrites some URIs of unknown schemes, e.g. {@code sp:i%00@h}
 *       becomes {@code sp:i%0@h}, and a UA never forwards what it received);</li>
 *   <li>for a decoded request, the response a UAS builds from it (To tag added)
 *       is itself a message we can decode: we never send what we cannot read.</li>
 * </ul>
 * Without JAZZER_FUZZ this runs the seed inputs in
 * {@code MessageDecoderFuzzTestInputs/decode/} (and any findings saved there)
 * as a regression test; {@code scripts/fuzz} runs it in fuzzing mode.
 */
class MessageDecoderFuzzTest {

    private final MessageDecoder decoder = new MessageDecoder(MessageLimits.DEFAULTS, "127.0.0.1");
    private final MessageEncoder encoder = new MessageEncoder();

    @FuzzTest(maxDuration = "60s")
    void decode(byte[] input) {
        check(input, false);
        check(input, true);
    }

    private void check(byte[] input, boolean stream) {
        DecodeResult result = decoder.decode(input, stream);
        if (result instanceof Rejected rejected) {
            if (rejected.reason() == null || rejected.reason().isBlank()) {
                throw new AssertionError("rejection without a reason: " + rejected);
            }
            return;
        }
        Decoded decoded = (Decoded) result;
        decoder.decode(encoder.encode(decoded.message()), true);
        if (decoded.message() instanceof SIPRequest request && !"ACK".equals(request.getMethod())) {
            byte[] answer = encoder.encode(Responses.create(request, 200, "OK"));
            DecodeResult answered = decoder.decode(answer, true);
            if (!(answered instanceof Decoded)) {
                throw new AssertionError("our answer to an accepted request does not decode: " + answered
                        + "\n" + new String(answer, StandardCharsets.ISO_8859_1));
            }
        }
    }
}
