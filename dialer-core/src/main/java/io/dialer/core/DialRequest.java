package io.dialer.core;

import io.dialer.media.AudioSink;
import io.dialer.media.AudioSource;
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
 * @param play   audio to send once the call has media (20 ms frames, {@link AudioSource}); null for silence
 * @param listen where the callee's audio goes (20 ms frames after the jitter buffer); null for nowhere
 * @param amd    answering-machine detection after answer; null for off
 */
public record DialRequest(String to, String from, String trunk, CallTimers timers, Path pcap, AudioSource play,
                          AudioSink listen, AmdPolicy amd) {

    public DialRequest {
        Objects.requireNonNull(to, "to");
        amd = amd == null ? AmdPolicy.off() : amd;
    }

    /** A request without audio: silence is sent and the callee's audio is dropped. */
    public DialRequest(String to, String from, String trunk, CallTimers timers, Path pcap) {
        this(to, from, trunk, timers, pcap, null, null, null);
    }

    /** A request with audio and no answering-machine detection. */
    public DialRequest(String to, String from, String trunk, CallTimers timers, Path pcap, AudioSource play,
                       AudioSink listen) {
        this(to, from, trunk, timers, pcap, play, listen, null);
    }

    /** A call to a destination with every other setting from the dialer. */
    public static DialRequest to(String destination) {
        return new DialRequest(destination, null, null, null, null);
    }

    public DialRequest from(String callerId) {
        return new DialRequest(to, callerId, trunk, timers, pcap, play, listen, amd);
    }

    public DialRequest viaTrunk(String name) {
        return new DialRequest(to, from, name, timers, pcap, play, listen, amd);
    }

    public DialRequest withTimers(CallTimers t) {
        return new DialRequest(to, from, trunk, t, pcap, play, listen, amd);
    }

    public DialRequest withPcap(Path file) {
        return new DialRequest(to, from, trunk, timers, file, play, listen, amd);
    }

    /** Answering-machine detection after answer, with what to do about a machine. */
    public DialRequest withAmd(AmdPolicy policy) {
        return new DialRequest(to, from, trunk, timers, pcap, play, listen, policy);
    }

    /** Audio for the call: frames to send and a sink for what the callee sends (either may be null). */
    public DialRequest withAudio(AudioSource send, AudioSink receive) {
        return new DialRequest(to, from, trunk, timers, pcap, send, receive, amd);
    }
}
