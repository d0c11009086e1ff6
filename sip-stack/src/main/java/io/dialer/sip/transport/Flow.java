package io.dialer.sip.transport;

import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * The path a message arrived on (RFC 5626 §3 "flow"): the transport, the
 * peer's source address and our local address. Responses to a request go back
 * along its flow (RFC 3261 §18.2.2): over the same connection for TCP and TLS.
 */
public record Flow(Transport transport, InetSocketAddress remote, InetSocketAddress local) {

    public Flow {
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(remote, "remote");
        Objects.requireNonNull(local, "local");
    }

    /** The endpoint that reaches the peer back over this flow. */
    public Endpoint replyEndpoint() {
        return Endpoint.of(transport, remote);
    }
}
