package io.dialer.sip.ua;

import io.dialer.sip.auth.Credentials;
import io.dialer.sip.transport.Endpoint;
import io.dialer.sip.transport.Transport;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What an outbound INVITE needs from its caller.
 *
 * @param requestUri   the Request-URI and To URI, e.g. {@code sip:+15557654321@trunk.example.com}
 * @param from         the From URI, e.g. {@code sip:+15551230000@dialer.example.com}
 * @param fromDisplay  display name for From, or null
 * @param transport    the transport to the trunk; null lets DNS (RFC 3263) choose
 * @param targets      the trunk endpoints to try in order; empty to resolve the Request-URI's host
 * @param sdp          the SDP offer (RFC 3264), or null for an INVITE without a body
 * @param credentials  digest credentials for 401/407 challenges, if the trunk wants them
 * @param headers      extra headers (name to value) such as P-Asserted-Identity (RFC 3325)
 */
public record InviteRequest(String requestUri, String from, String fromDisplay, Transport transport,
                            List<Endpoint> targets, byte[] sdp, Optional<Credentials> credentials,
                            Map<String, String> headers) {

    public InviteRequest {
        Objects.requireNonNull(requestUri, "requestUri");
        Objects.requireNonNull(from, "from");
        targets = targets == null ? List.of() : List.copyOf(targets);
        credentials = credentials == null ? Optional.empty() : credentials;
        headers = headers == null ? Map.of() : Map.copyOf(headers);
    }

    /** A request to the given endpoint with no body, no credentials and no extra headers. */
    public static InviteRequest to(String requestUri, String from, Endpoint target) {
        return new InviteRequest(requestUri, from, null, target.transport(), List.of(target), null,
                Optional.empty(), Map.of());
    }

    public InviteRequest withSdp(byte[] offer) {
        return new InviteRequest(requestUri, from, fromDisplay, transport, targets, offer, credentials, headers);
    }

    public InviteRequest withCredentials(Credentials c) {
        return new InviteRequest(requestUri, from, fromDisplay, transport, targets, sdp, Optional.of(c), headers);
    }

    public InviteRequest withHeaders(Map<String, String> extra) {
        return new InviteRequest(requestUri, from, fromDisplay, transport, targets, sdp, credentials, extra);
    }

    public InviteRequest withTargets(List<Endpoint> endpoints) {
        return new InviteRequest(requestUri, from, fromDisplay, transport, endpoints, sdp, credentials, headers);
    }
}
