package io.dialer.core.trace;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One line of a call's {@code sip_trace} (design.md §6).
 *
 * @param tMs       milliseconds from dialing
 * @param dir       {@code "in"} or {@code "out"}
 * @param firstLine the message's start line
 */
public record TraceEntry(@JsonProperty("t_ms") long tMs, @JsonProperty("dir") String dir,
                         @JsonProperty("first_line") String firstLine) {
}
