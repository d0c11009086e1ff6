package io.dialer.media.sdp;

import java.util.Locale;
import java.util.Optional;

/**
 * The media direction attribute of a stream (RFC 4566 §6, RFC 3264 §5.1),
 * always from the point of view of the side whose SDP carries it.
 */
public enum Direction {
    SENDRECV(true, true),
    SENDONLY(true, false),
    RECVONLY(false, true),
    INACTIVE(false, false);

    private final boolean sends;
    private final boolean receives;

    Direction(boolean sends, boolean receives) {
        this.sends = sends;
        this.receives = receives;
    }

    /** Whether the side that wrote this direction sends media. */
    public boolean sends() {
        return sends;
    }

    /** Whether the side that wrote this direction receives media. */
    public boolean receives() {
        return receives;
    }

    /** The attribute name, e.g. {@code sendonly}. */
    public String attribute() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The direction with these capabilities. */
    public static Direction of(boolean sends, boolean receives) {
        if (sends) {
            return receives ? SENDRECV : SENDONLY;
        }
        return receives ? RECVONLY : INACTIVE;
    }

    /** The same stream seen from the other side: sendonly there is recvonly here. */
    public Direction reverse() {
        return of(receives, sends);
    }

    /**
     * The direction an answerer writes for an offered one at most as open as
     * {@code willing} (RFC 3264 §6.1: sendonly → recvonly, recvonly → sendonly,
     * inactive → inactive, sendrecv → any, here {@code willing}).
     */
    public Direction answer(Direction willing) {
        return of(receives && willing.sends, sends && willing.receives);
    }

    /** This direction without receiving (hold per RFC 3264 §8.4: sendrecv → sendonly, recvonly → inactive). */
    public Direction withoutReceiving() {
        return of(sends, false);
    }

    /** This direction with receiving again (resume after hold). */
    public Direction withReceiving() {
        return of(sends, true);
    }

    /** This direction without sending. */
    public Direction withoutSending() {
        return of(false, receives);
    }

    /** The direction named by an attribute, if it is one. */
    public static Optional<Direction> fromAttribute(String attribute) {
        for (Direction d : values()) {
            if (d.attribute().equalsIgnoreCase(attribute)) {
                return Optional.of(d);
            }
        }
        return Optional.empty();
    }
}
