package io.dialer.media.wav;

import io.dialer.media.AudioFrame;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records both directions of a call to an 8 kHz 16-bit WAV file, either as
 * one mono mix or as stereo with the caller on the left and the callee on
 * the right.
 *
 * <p>Frames are placed by their time, in 8 kHz samples since the recording
 * started (an RTP timestamp minus the first one), so gaps become silence
 * and the two directions stay aligned, also when frames arrive up to
 * {@link #REORDER_SAMPLES} out of order. A direction that falls more than
 * {@link #MAX_LAG_SAMPLES} behind the other is taken to be silent up to
 * there; frames older than what has been written are dropped and counted,
 * and so are frames more than {@link #MAX_GAP_SAMPLES} after the latest one
 * (a broken clock).
 *
 * <p>Crash safety: the header is written at open with {@code 0xFFFFFFFF}
 * placeholder sizes and samples go to the file (the OS page cache) every
 * half second while both parties are heard, so a process that dies before
 * {@link #close()} loses under a second (with one-sided audio the last
 * {@link #MAX_LAG_SAMPLES} more) and the header's sizes. Most players read
 * such a file to its end as is; {@link WavWriter#repairSizes(Path)} writes the
 * real sizes, and {@link WavReader} reads it without repair. The file is
 * not fsynced, so a machine crash may lose more.
 *
 * <p>Thread-safe: the two directions may write from different threads. An
 * I/O error stops the recording (logged once) and is thrown by close; write
 * never throws it, so a media thread is never disturbed.
 */
public final class WavRecorder implements Closeable {

    /** How the two directions are laid out in the file. */
    public enum Layout {
        /** One channel, both directions summed (with saturation). */
        MONO_MIX,
        /** Two channels: caller left, callee right. */
        STEREO
    }

    /** Which party a frame comes from. */
    public enum Party {
        CALLER,
        CALLEE
    }

    /** How far one direction may run ahead of the other before the lagging one is taken as silent: 2 s. */
    public static final int MAX_LAG_SAMPLES = 16_000;
    /** The longest silence a frame's time may open after the latest audio: 1 h. */
    public static final long MAX_GAP_SAMPLES = 3_600L * 8_000;
    /** Samples gathered before they are written: 0.5 s. */
    private static final int WRITE_CHUNK = 4_000;
    /** How late, behind the newest frame of the same party, a frame may still come and be placed: 200 ms. */
    public static final int REORDER_SAMPLES = 1_600;
    /** Most samples pending per party; buffers start small and grow to this only for one-sided audio. */
    private static final int CAPACITY = MAX_LAG_SAMPLES + REORDER_SAMPLES + WRITE_CHUNK;
    private static final int INITIAL_CAPACITY = 2 * WRITE_CHUNK;
    private static final Logger LOG = LoggerFactory.getLogger(WavRecorder.class);

    private final Path path;
    private final Layout layout;
    private final FileChannel channel;
    /** Pending samples per party, index 0 is sample {@link #written}. */
    private final short[][] pending = new short[2][];
    /** End of what each party has delivered, relative to {@link #written}. */
    private final int[] end = new int[2];
    private long written;
    private long dataBytes;
    private long dropped;
    private IOException failure;
    private boolean closed;

    private WavRecorder(Path path, Layout layout, FileChannel channel) {
        this.path = path;
        this.layout = layout;
        this.channel = channel;
        pending[0] = new short[INITIAL_CAPACITY];
        pending[1] = new short[INITIAL_CAPACITY];
    }

    /** Creates (or truncates) the file and writes its header. */
    public static WavRecorder open(Path path, Layout layout) throws IOException {
        Objects.requireNonNull(layout, "layout");
        FileChannel ch = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
        try {
            ByteBuffer header = WavWriter.header(8000, layout == Layout.STEREO ? 2 : 1, -1);
            while (header.hasRemaining()) {
                ch.write(header);
            }
        } catch (IOException e) {
            ch.close();
            throw e;
        }
        return new WavRecorder(path, layout, ch);
    }

    /**
     * Adds one 20 ms frame of one party at its time.
     *
     * @param party      whose audio it is
     * @param sampleTime 8 kHz samples since the recording started
     * @param frame      the audio
     */
    public synchronized void write(Party party, long sampleTime, AudioFrame frame) {
        if (closed || failure != null) {
            return;
        }
        int p = party.ordinal();
        long offset = sampleTime - written;
        short[] samples = frame.samples();
        if (offset - Math.max(end[0], end[1]) > MAX_GAP_SAMPLES) {
            // A time an hour past everything else is a broken clock, not a pause: do not write an hour of silence.
            dropped++;
            return;
        }
        int from = 0;
        if (offset < 0) {
            if (offset + samples.length <= 0) {
                dropped++;
                return;
            }
            from = (int) -offset;
            offset = 0;
        }
        if (offset + samples.length > CAPACITY) {
            // Beyond what may stay pending: write out everything up to where this frame must start.
            flush(offset + samples.length - CAPACITY);
            offset = sampleTime - written;
        }
        int at = (int) offset;
        int needed = at + samples.length - from;
        if (needed > pending[p].length) {
            pending[p] = Arrays.copyOf(pending[p], Math.min(CAPACITY, Math.max(needed, 2 * pending[p].length)));
        }
        System.arraycopy(samples, from, pending[p], at, samples.length - from);
        end[p] = Math.max(end[p], at + samples.length - from);
        // Keep the newest 200 ms of each party pending so that frames arriving out of order still find their place.
        int ready = Math.max(Math.min(end[0], end[1]), Math.max(end[0], end[1]) - MAX_LAG_SAMPLES) - REORDER_SAMPLES;
        if (ready >= WRITE_CHUNK) {
            flush(ready);
        }
    }

    /** Frames dropped because they came after their time had been written. */
    public synchronized long droppedFrames() {
        return dropped;
    }

    /** Milliseconds of audio written to the file so far. */
    public synchronized long writtenMillis() {
        return written / 8;
    }

    /** The file being written. */
    public Path path() {
        return path;
    }

    /** Writes what is pending, fills in the header sizes and closes the file. */
    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (failure == null) {
                flush(Math.max(end[0], end[1]));
            }
            if (failure == null) {
                WavWriter.writeSizes(channel, dataBytes);
            }
        } catch (IOException e) {
            failure = e;
        } finally {
            channel.close();
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** Writes the first {@code count} samples of both parties (silence where one has none). */
    private void flush(long count) {
        long left = count;
        while (left > 0 && failure == null) {
            int n = (int) Math.min(left, CAPACITY);
            writeChunk(n);
            left -= n;
        }
    }

    private void writeChunk(int n) {
        int channels = layout == Layout.STEREO ? 2 : 1;
        ByteBuffer buf = ByteBuffer.allocate(n * channels * 2).order(ByteOrder.LITTLE_ENDIAN);
        short[] caller = pending[Party.CALLER.ordinal()];
        short[] callee = pending[Party.CALLEE.ordinal()];
        for (int i = 0; i < n; i++) {
            short left = i < caller.length ? caller[i] : 0;
            short right = i < callee.length ? callee[i] : 0;
            if (layout == Layout.STEREO) {
                buf.putShort(left).putShort(right);
            } else {
                buf.putShort((short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, left + right)));
            }
        }
        buf.flip();
        try {
            while (buf.hasRemaining()) {
                channel.write(buf);
            }
        } catch (IOException e) {
            failure = e;
            LOG.warn("recording to {} stopped: {}", path, e.toString());
        }
        dataBytes += (long) n * channels * 2;
        written += n;
        for (int p = 0; p < 2; p++) {
            short[] buffer = pending[p];
            int keep = Math.max(0, buffer.length - n);
            System.arraycopy(buffer, buffer.length - keep, buffer, 0, keep);
            Arrays.fill(buffer, keep, buffer.length, (short) 0);
            end[p] = Math.max(0, end[p] - n);
        }
    }
}
