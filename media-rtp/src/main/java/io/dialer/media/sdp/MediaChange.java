package io.dialer.media.sdp;

import java.util.Objects;
import java.util.Optional;

/**
 * What a new offer/answer exchange changed for the audio stream compared to
 * the one before (RFC 3264 §8: a re-INVITE may move the stream to another
 * address or port, change codec or direction). The first exchange of a
 * call has no previous media.
 *
 * @param previous the media before, null on the first exchange
 * @param current  the media now
 */
public record MediaChange(NegotiatedMedia previous, NegotiatedMedia current) {

    public MediaChange {
        Objects.requireNonNull(current, "current");
    }

    /** The media before, empty on the first exchange. */
    public Optional<NegotiatedMedia> before() {
        return Optional.ofNullable(previous);
    }

    /** Whether this is the call's first exchange. */
    public boolean isInitial() {
        return previous == null;
    }

    /** Whether RTP must now go to another address or port (RFC 3264 §8.3.1). */
    public boolean remoteAddressChanged() {
        return previous != null
                && (!previous.remoteConnection().address().equals(current.remoteConnection().address())
                        || previous.remotePort() != current.remotePort()
                        || previous.remoteRtcpPort() != current.remoteRtcpPort());
    }

    /** Whether the audio codec or its payload type changed (RFC 3264 §8.3.2). */
    public boolean codecChanged() {
        return previous != null && !previous.codec().equals(current.codec());
    }

    /** Whether our direction changed: hold, resume (RFC 3264 §8.4). */
    public boolean directionChanged() {
        return previous != null && previous.direction() != current.direction();
    }

    /** Whether the peer's telephone-event payload type appeared, went or changed. */
    public boolean telephoneEventChanged() {
        return previous != null && !previous.telephoneEvent().equals(current.telephoneEvent());
    }

    /** Whether anything the RTP session acts on differs (always true for the first exchange). */
    public boolean any() {
        return previous == null || !previous.equals(current);
    }
}
