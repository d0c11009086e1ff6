package io.dialer.media.wav;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Writes 16-bit PCM WAV files: the canonical 44-byte header (RIFF, fmt,
 * data) and little-endian samples.
 */
public final class WavWriter {

    /** Bytes before the first sample in the files we write. */
    public static final int HEADER_BYTES = 44;
    /** Size placeholder while a file is being written: "until the end of the file" to most readers. */
    static final int UNKNOWN_SIZE = 0xFFFFFFFF;

    private WavWriter() {
    }

    /** Writes a whole 16-bit PCM file. */
    public static void write(Path path, int sampleRate, int channels, short[] interleaved) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(HEADER_BYTES + interleaved.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        buf.put(header(sampleRate, channels, interleaved.length * 2L));
        for (short s : interleaved) {
            buf.putShort(s);
        }
        Files.write(path, buf.array());
    }

    /**
     * The 44-byte header of a 16-bit PCM file with this many data bytes;
     * a negative size writes the {@code 0xFFFFFFFF} placeholder.
     */
    public static ByteBuffer header(int sampleRate, int channels, long dataBytes) {
        WavFormat f = new WavFormat(WavFormat.PCM, channels, sampleRate, 16);
        ByteBuffer h = ByteBuffer.allocate(HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        h.putInt(WavReader.fourCc("RIFF")).putInt(riffSize(dataBytes)).putInt(WavReader.fourCc("WAVE"));
        h.putInt(WavReader.fourCc("fmt ")).putInt(16)
                .putShort((short) WavFormat.PCM).putShort((short) channels)
                .putInt(sampleRate).putInt(f.byteRate())
                .putShort((short) f.blockAlign()).putShort((short) 16);
        h.putInt(WavReader.fourCc("data")).putInt(dataSize(dataBytes));
        return h.flip();
    }

    /**
     * Rewrites the two size fields of a 16-bit PCM file we wrote from its
     * length on disk: the recovery for a recording whose process died before
     * {@link WavRecorder#close()}.
     */
    public static void repairSizes(Path path) throws IOException {
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long data = ch.size() - HEADER_BYTES;
            if (data < 0) {
                throw new WavFormatException(path + " is shorter than a WAV header");
            }
            // Whole sample frames only; a torn last sample stays outside the data chunk.
            ByteBuffer hdr = ByteBuffer.allocate(HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
            ch.read(hdr, 0);
            int blockAlign = Short.toUnsignedInt(hdr.getShort(32));
            if (hdr.getInt(0) != WavReader.fourCc("RIFF") || hdr.getInt(36) != WavReader.fourCc("data") || blockAlign == 0) {
                throw new WavFormatException(path + " does not have the 44-byte header this writer makes");
            }
            data -= data % blockAlign;
            writeSizes(ch, data);
        }
    }

    static void writeSizes(FileChannel ch, long dataBytes) throws IOException {
        ByteBuffer four = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
        ch.write(four.putInt(0, riffSize(dataBytes)), 4);
        ch.write(four.clear().putInt(0, dataSize(dataBytes)), 40);
    }

    private static int riffSize(long dataBytes) {
        return dataBytes < 0 || dataBytes + 36 > 0xFFFFFFFFL ? UNKNOWN_SIZE : (int) (dataBytes + 36);
    }

    private static int dataSize(long dataBytes) {
        return dataBytes < 0 || dataBytes > 0xFFFFFFFFL ? UNKNOWN_SIZE : (int) dataBytes;
    }
}
