package io.dialer.media.wav;

import io.dialer.media.codec.ALaw;
import io.dialer.media.codec.MuLaw;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads RIFF WAVE files: PCM 8 (unsigned), 16, 24 and 32 bit, 32-bit IEEE
 * float, A-law (6) and μ-law (7), also when wrapped in
 * WAVE_FORMAT_EXTENSIBLE; any rate and channel count. A data chunk whose
 * size is missing or larger than the file (a recording cut off before its
 * header was finished, see {@link WavRecorder}) is read up to the end of the
 * file.
 */
public final class WavReader {

    /** Files larger than this are refused: prompts are seconds or minutes, not hours. */
    public static final int MAX_BYTES = 128 * 1024 * 1024;

    private WavReader() {
    }

    /** Reads a WAV file. */
    public static WavData read(Path path) throws IOException {
        if (Files.size(path) > MAX_BYTES) {
            throw new WavFormatException(path + " is larger than " + MAX_BYTES + " bytes");
        }
        return parse(Files.readAllBytes(path));
    }

    /** Reads a WAV file from a stream (not closed). */
    public static WavData read(InputStream in) throws IOException {
        byte[] bytes = in.readNBytes(MAX_BYTES + 1);
        if (bytes.length > MAX_BYTES) {
            throw new WavFormatException("WAV stream larger than " + MAX_BYTES + " bytes");
        }
        return parse(bytes);
    }

    /** Parses the bytes of a whole WAV file. */
    public static WavData parse(byte[] bytes) throws WavFormatException {
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (bytes.length < 12 || b.getInt(0) != fourCc("RIFF") || b.getInt(8) != fourCc("WAVE")) {
            throw new WavFormatException("not a RIFF WAVE file");
        }
        WavFormat format = null;
        int pos = 12;
        while (pos + 8 <= bytes.length) {
            int id = b.getInt(pos);
            long size = Integer.toUnsignedLong(b.getInt(pos + 4));
            int body = pos + 8;
            if (id == fourCc("fmt ")) {
                format = format(b, body, size);
            } else if (id == fourCc("data")) {
                if (format == null) {
                    throw new WavFormatException("data chunk before fmt chunk");
                }
                int length = (int) Math.min(size, bytes.length - body);
                return new WavData(format, decode(b, body, length, format));
            }
            // Chunks are padded to an even size (RIFF).
            pos = (int) Math.min((long) bytes.length, body + size + (size & 1));
        }
        throw new WavFormatException(format == null ? "no fmt chunk" : "no data chunk");
    }

    private static WavFormat format(ByteBuffer b, int at, long size) throws WavFormatException {
        if (size < 16 || at + 16 > b.limit()) {
            throw new WavFormatException("fmt chunk too short");
        }
        int code = Short.toUnsignedInt(b.getShort(at));
        int channels = Short.toUnsignedInt(b.getShort(at + 2));
        int rate = b.getInt(at + 4);
        int bits = Short.toUnsignedInt(b.getShort(at + 14));
        if (code == WavFormat.EXTENSIBLE) {
            if (size < 40 || at + 26 > b.limit()) {
                throw new WavFormatException("WAVE_FORMAT_EXTENSIBLE fmt chunk too short");
            }
            // The sub-format GUID starts with the classic format code.
            code = Short.toUnsignedInt(b.getShort(at + 24));
        }
        if (channels < 1 || channels > 16 || rate < 1000 || rate > 384_000) {
            throw new WavFormatException("unsupported channels/rate: " + channels + " channels at " + rate + " Hz");
        }
        boolean supported = switch (code) {
            case WavFormat.PCM -> bits == 8 || bits == 16 || bits == 24 || bits == 32;
            case WavFormat.IEEE_FLOAT -> bits == 32;
            case WavFormat.ALAW, WavFormat.MULAW -> bits == 8;
            default -> false;
        };
        if (!supported) {
            throw new WavFormatException("unsupported WAV coding: format " + code + " with " + bits + " bits");
        }
        return new WavFormat(code, channels, rate, bits);
    }

    private static short[] decode(ByteBuffer b, int at, int length, WavFormat f) {
        int bytesPerSample = f.bitsPerSample() / 8;
        // Whole sample frames only: a truncated last frame is dropped.
        int count = length / f.blockAlign() * f.channels();
        short[] out = new short[count];
        for (int i = 0; i < count; i++) {
            int p = at + i * bytesPerSample;
            out[i] = switch (f.formatCode()) {
                case WavFormat.ALAW -> ALaw.decode(b.get(p));
                case WavFormat.MULAW -> MuLaw.decode(b.get(p));
                case WavFormat.IEEE_FLOAT -> (short) Math.round(Math.max(-1f, Math.min(1f, b.getFloat(p))) * 32767f);
                default -> pcm(b, p, bytesPerSample);
            };
        }
        return out;
    }

    private static short pcm(ByteBuffer b, int p, int bytes) {
        return switch (bytes) {
            case 1 -> (short) (((b.get(p) & 0xFF) - 128) << 8); // 8-bit WAV is unsigned
            case 2 -> b.getShort(p);
            case 3 -> b.getShort(p + 1); // the two most significant bytes
            default -> b.getShort(p + 2);
        };
    }

    static int fourCc(String s) {
        return (s.charAt(0)) | (s.charAt(1) << 8) | (s.charAt(2) << 16) | (s.charAt(3) << 24);
    }
}
