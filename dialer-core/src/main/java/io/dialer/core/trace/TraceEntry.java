package io.dialer.core.trace;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dialer.sip.ua.TracedMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * One line of a call record's {@code sip_trace} (design.md §6): when a message
 * went in or out, counted from dialing, and its first line.
 *
 * @param tMs        milliseconds from the start of dialing
 * @param dir        {@code "in"} or {@code "out"}
 * @param firstLine  the request line or status line
 */
public record TraceEntry(@JsonProperty("t_ms") long tMs,
                         @JsonProperty("dir") String dir,
                         @JsonProperty("first_line") String firstLine) {

    public TraceEntry {
        Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(firstLine, "firstLine");
    }

    /** The entry for a traced message of a call that started dialing at {@code start}. */
    public static TraceEntry of(TracedMessage message, Instant start) {
        return new TraceEntry(Duration.between(start, message.at()).toMillis(),
                message.direction().name().toLowerCase(Locale.ROOT), message.firstLine());
    }
}
