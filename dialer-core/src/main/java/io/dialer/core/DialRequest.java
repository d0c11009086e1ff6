package io.dialer.core;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One call to place.
 *
 * @param to     the destination: a number (E.164, or national in the dialer's default region) or a SIP URI
 * @param from   the calling number; null for the trunk's default caller ID
 * @param trunk  the trunk's name; null for the dialer's first trunk
 * @param timers timers for this call; null for the dialer's
 * @param pcap   a file to write the call's SIP messages to as pcap when it ends; null for none
 */
public record DialRequest(String to, String from, String trunk, CallTimers timers, Path pcap) {

    public DialRequest {
        Objects.requireNonNull(to, "to");
    }

    /** A call to a destination with every other setting from the dialer. */
    public static DialRequest to(String destination) {
        return new DialRequest(destination, null, null, null, null);
    }

    public DialRequest from(String callerId) {
        return new DialRequest(to, callerId, trunk, timers, pcap);
    }

    public DialRequest viaTrunk(String name) {
        return new DialRequest(to, from, name, timers, pcap);
    }

    public DialRequest withTimers(CallTimers t) {
        return new DialRequest(to, from, trunk, t, pcap);
    }

    public DialRequest withPcap(Path file) {
        return new DialRequest(to, from, trunk, timers, file);
    }
}
