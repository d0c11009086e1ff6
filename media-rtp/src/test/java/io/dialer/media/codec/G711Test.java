package io.dialer.media.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.TreeSet;
import java.util.function.IntUnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * G.711 (ITU-T G.711 tables): known code/value pairs for both laws, every
 * 16-bit sample round-trips to one of the two quantisation levels around it,
 * transcoding equals decode-then-encode, and the registry finds codecs.
 */
class G711Test {

    @Test
    void muLawKnownVectors() {
        assertThat(MuLaw.decode((byte) 0xFF)).isEqualTo((short) 0);
        assertThat(MuLaw.decode((byte) 0x7F)).isEqualTo((short) 0);
        assertThat(MuLaw.decode((byte) 0x00)).isEqualTo((short) -32124);
        assertThat(MuLaw.decode((byte) 0x80)).isEqualTo((short) 32124);
        assertThat(MuLaw.encode((short) 0)).isEqualTo((byte) 0xFF);
        assertThat(MuLaw.encode((short) -32124)).isEqualTo((byte) 0x00);
        assertThat(MuLaw.encode((short) 32767)).isEqualTo((byte) 0x80);
        assertThat(MuLaw.encode((short) -32768)).isEqualTo((byte) 0x00);
    }

    @Test
    void aLawKnownVectors() {
        assertThat(ALaw.decode((byte) 0xD5)).isEqualTo((short) 8);
        assertThat(ALaw.decode((byte) 0x55)).isEqualTo((short) -8);
        assertThat(ALaw.decode((byte) 0xAA)).isEqualTo((short) 32256);
        assertThat(ALaw.decode((byte) 0x2A)).isEqualTo((short) -32256);
        assertThat(ALaw.encode((short) 0)).isEqualTo((byte) 0xD5);
        assertThat(ALaw.encode((short) -1)).isEqualTo((byte) 0x55);
        assertThat(ALaw.encode((short) 32767)).isEqualTo((byte) 0xAA);
        assertThat(ALaw.encode((short) -32768)).isEqualTo((byte) 0x2A);
    }

    @Test
    void muLawRoundTripStaysWithinQuantisation() {
        assertRoundTrip(s -> MuLaw.decode(MuLaw.encode((short) s)), c -> MuLaw.decode((byte) c));
    }

    @Test
    void aLawRoundTripStaysWithinQuantisation() {
        assertRoundTrip(s -> ALaw.decode(ALaw.encode((short) s)), c -> ALaw.decode((byte) c));
    }

    /** Every sample decodes to the level just below or just above it; samples beyond the extremes clip. */
    private static void assertRoundTrip(IntUnaryOperator roundTrip, IntUnaryOperator decode) {
        TreeSet<Integer> levels = new TreeSet<>();
        for (int c = 0; c < 256; c++) {
            levels.add(decode.applyAsInt(c));
        }
        for (int s = Short.MIN_VALUE; s <= Short.MAX_VALUE; s++) {
            int y = roundTrip.applyAsInt(s);
            if (s >= levels.last()) {
                assertThat(y).as("sample %d", s).isEqualTo(levels.last());
            } else if (s <= levels.first()) {
                assertThat(y).as("sample %d", s).isEqualTo(levels.first());
            } else {
                assertThat(y).as("sample %d", s).isIn(levels.floor(s), levels.ceiling(s));
            }
        }
    }

    @Test
    void everyCodeSurvivesDecodeEncode() {
        for (int c = 0; c < 256; c++) {
            // μ-law has two zeros (0x7F, 0xFF); both decode to 0, which encodes to 0xFF.
            byte mu = MuLaw.encode(MuLaw.decode((byte) c));
            assertThat(MuLaw.decode(mu)).isEqualTo(MuLaw.decode((byte) c));
            assertThat(ALaw.encode(ALaw.decode((byte) c))).isEqualTo((byte) c);
        }
    }

    @Test
    void codecsEncodeAndDecodeFrames() {
        short[] samples = {0, 1000, -1000, 32767, -32768, 8};
        PcmuCodec pcmu = new PcmuCodec();
        PcmaCodec pcma = new PcmaCodec();
        assertThat(pcmu.encode(samples)).hasSize(6).startsWith((byte) 0xFF);
        assertThat(pcma.encode(samples)).hasSize(6).startsWith((byte) 0xD5);
        assertThat(pcmu.decode(pcmu.encode(samples))).hasSize(6).startsWith((short) 0);
        assertThat(pcma.decode(new byte[] {(byte) 0xD5, 0x55})).containsExactly((short) 8, (short) -8);
        assertThat(pcmu.payloadType()).isZero();
        assertThat(pcma.payloadType()).isEqualTo(8);
        assertThat(pcmu.clockRate()).isEqualTo(8000);
    }

    @Test
    void transcodingMatchesDecodeThenEncode() {
        byte[] all = new byte[256];
        for (int i = 0; i < 256; i++) {
            all[i] = (byte) i;
        }
        byte[] alaw = G711Transcoder.ulawToAlaw(all);
        byte[] ulaw = G711Transcoder.alawToUlaw(all);
        for (int i = 0; i < 256; i++) {
            assertThat(alaw[i]).isEqualTo(ALaw.encode(MuLaw.decode((byte) i)));
            assertThat(ulaw[i]).isEqualTo(MuLaw.encode(ALaw.decode((byte) i)));
        }
        assertThat(G711Transcoder.transcode(all, 0, 8)).isEqualTo(alaw);
        assertThat(G711Transcoder.transcode(all, 8, 0)).isEqualTo(ulaw);
        assertThat(G711Transcoder.transcode(all, 0, 0)).isSameAs(all);
        assertThatThrownBy(() -> G711Transcoder.transcode(all, 0, 18)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void transcodedToneKeepsItsShape() {
        short[] pcm = new short[160];
        for (int i = 0; i < pcm.length; i++) {
            pcm[i] = (short) (12000 * Math.sin(2 * Math.PI * 1000 * i / 8000.0));
        }
        short[] viaAlaw = new PcmaCodec().decode(G711Transcoder.ulawToAlaw(new PcmuCodec().encode(pcm)));
        for (int i = 0; i < pcm.length; i++) {
            // Two quantisations at this level stay within a few percent of the sample.
            assertThat(Math.abs(viaAlaw[i] - pcm[i])).isLessThanOrEqualTo(Math.abs(pcm[i]) / 16 + 64);
        }
    }

    @Test
    void registryLooksUpByPayloadTypeAndName() {
        Codecs codecs = Codecs.g711();
        assertThat(codecs.byPayloadType(0)).get().extracting(AudioCodec::encodingName).isEqualTo("PCMU");
        assertThat(codecs.byPayloadType(8)).get().extracting(AudioCodec::encodingName).isEqualTo("PCMA");
        assertThat(codecs.byPayloadType(18)).isEmpty();
        assertThat(codecs.byName("pcma", 8000)).get().extracting(AudioCodec::payloadType).isEqualTo(8);
        assertThat(codecs.byName("PCMA", 16000)).isEmpty();
        assertThat(codecs.all()).extracting(AudioCodec::encodingName).containsExactly("PCMU", "PCMA");
        assertThatThrownBy(() -> Codecs.of(java.util.List.of(new PcmuCodec(), new PcmuCodec())))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
