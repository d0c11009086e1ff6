package io.dialer.core.trace;

import io.dialer.sip.ua.TracedMessage;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The SIP messages of one call, kept whole for its {@code sip_trace} and pcap
 * file. Thread-safe: messages arrive from the stack's I/O and core threads.
 *
 * <p>Bounded, so that a call stuck in a retransmission or re-INVITE loop cannot
 * eat memory: past {@code maxMessages} messages or {@code maxBytes} bytes, further
 * messages are dropped and counted in {@link #dropped()}.
 */
public final class SipTrace {

    /** Default caps: several hundred messages is far beyond any sane call. */
    public static final int DEFAULT_MAX_MESSAGES = 500;
    public static final long DEFAULT_MAX_BYTES = 2L * 1024 * 1024;

    private final String sipCallId;
    private final Instant start;
    private final int maxMessages;
    private final long maxBytes;
    private final List<TracedMessage> messages = new ArrayList<>();
    private long bytes;
    private int dropped;

    /** A trace with the default caps; {@code start} is when the call began dialing. */
    public SipTrace(String sipCallId, Instant start) {
        this(sipCallId, start, DEFAULT_MAX_MESSAGES, DEFAULT_MAX_BYTES);
    }

    public SipTrace(String sipCallId, Instant start, int maxMessages, long maxBytes) {
        this.sipCallId = Objects.requireNonNull(sipCallId, "sipCallId");
        this.start = Objects.requireNonNull(start, "start");
        if (maxMessages < 0 || maxBytes < 0) {
            throw new IllegalArgumentException("trace caps must not be negative");
        }
        this.maxMessages = maxMessages;
        this.maxBytes = maxBytes;
    }

    public String sipCallId() {
        return sipCallId;
    }

    /** When the call began dialing: the zero of every entry's {@code t_ms}. */
    public Instant start() {
        return start;
    }

    /** Keeps a message, or counts it as dropped when a cap is reached. */
    public synchronized void add(TracedMessage message) {
        Objects.requireNonNull(message, "message");
        if (messages.size() >= maxMessages || bytes + message.size() > maxBytes) {
            dropped++;
            return;
        }
        messages.add(message);
        bytes += message.size();
    }

    /** The {@code sip_trace} of the call record, in the order the messages were seen. */
    public synchronized List<TraceEntry> entries() {
        List<TraceEntry> entries = new ArrayList<>(messages.size());
        for (TracedMessage m : messages) {
            entries.add(TraceEntry.of(m, start));
        }
        return List.copyOf(entries);
    }

    /** The whole messages kept so far. */
    public synchronized List<TracedMessage> messages() {
        return List.copyOf(messages);
    }

    /** How many messages the caps turned away. */
    public synchronized int dropped() {
        return dropped;
    }

    /** Writes the kept messages as a pcap file (see {@link PcapWriter}). */
    public void writePcap(Path file) throws IOException {
        PcapWriter.write(file, messages());
    }
}
