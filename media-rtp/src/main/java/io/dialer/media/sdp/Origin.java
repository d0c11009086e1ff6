package io.dialer.media.sdp;

import java.util.Objects;

/**
 * The {@code o=} line (RFC 4566 §5.2). The pair (sessionId, sessionVersion)
 * identifies one version of one session; RFC 3264 §8 requires the version to
 * grow with each changed description.
 *
 * @param username       {@code -} when there is no user name
 * @param sessionId      numeric session id, as written
 * @param sessionVersion version, incremented for each new description
 * @param connection     the originator's address
 */
public record Origin(String username, String sessionId, long sessionVersion, Connection connection) {

    public Origin {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(connection, "connection");
        if (sessionVersion < 0) {
            throw new IllegalArgumentException("session version must not be negative: " + sessionVersion);
        }
    }

    /** The same origin with the version one higher. */
    public Origin nextVersion() {
        return new Origin(username, sessionId, sessionVersion + 1, connection);
    }

    /** The line value, e.g. {@code - 4711 2 IN IP4 192.0.2.1}. */
    public String value() {
        return username + " " + sessionId + " " + sessionVersion + " " + connection.value();
    }
}
