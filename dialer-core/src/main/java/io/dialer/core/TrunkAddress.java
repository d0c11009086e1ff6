package io.dialer.core;

import io.dialer.sip.transport.Endpoint;
import io.dialer.sip.transport.Transport;
import io.netty.util.NetUtil;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a trunk is: host, port and transport from its SIP URI (e.g.
 * {@code sip:trunk.example.com;transport=tls} or {@code sip:127.0.0.1:5062}).
 * An IP literal is used as is; a host name is resolved per RFC 3263 at call time.
 *
 * @param host      host name or IP literal (IPv6 without brackets)
 * @param port      the explicit port, 0 when the URI has none (RFC 3263 §4.2 then uses SRV)
 * @param transport the transport: explicit, from {@code ;transport=}, TLS for {@code sips:}, else UDP
 * @param explicitTransport whether the transport was given (flag or URI) rather than defaulted
 */
public record TrunkAddress(String host, int port, Transport transport, boolean explicitTransport) {

    private static final Pattern TRANSPORT_PARAM = Pattern.compile(";transport=([^;?]*)", Pattern.CASE_INSENSITIVE);

    /**
     * Parses a trunk URI.
     *
     * @param uri       the trunk URI; {@code sip:} may be left out
     * @param override  a transport that wins over the URI's (e.g. the {@code --transport} flag), or null
     * @throws IllegalArgumentException naming what is wrong
     */
    public static TrunkAddress parse(String uri, Transport override) {
        if (uri == null || uri.isBlank()) {
            throw new IllegalArgumentException("the trunk URI is empty");
        }
        String text = uri.trim();
        if (text.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("'" + uri + "' contains a space");
        }
        String lower = text.toLowerCase(Locale.ROOT);
        boolean sips = lower.startsWith("sips:");
        if (!lower.startsWith("sip:") && !sips) {
            if (lower.matches("^[a-z][a-z0-9+.-]*://.*")) {
                throw new IllegalArgumentException("'" + uri + "' is not a SIP URI (expected sip: or sips:)");
            }
            text = "sip:" + text;
        }
        String withoutScheme = text.substring(text.indexOf(':') + 1);
        int at = withoutScheme.indexOf('@');
        String hostPart = withoutScheme.substring(at + 1).replaceAll("[;?].*$", "");
        URI parsed;
        try {
            parsed = URI.create("sip://" + hostPart);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + uri + "' has a malformed host or port");
        }
        if (parsed.getHost() == null) {
            throw new IllegalArgumentException("'" + uri + "' has no valid host (or a bad port)");
        }
        String host = parsed.getHost().replaceAll("^\\[|]$", "");
        Transport transport;
        boolean explicit = true;
        Matcher m = TRANSPORT_PARAM.matcher(withoutScheme);
        if (override != null) {
            transport = override;
        } else if (m.find()) {
            try {
                transport = Transport.parse(m.group(1));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("'" + uri + "' names an unknown transport '" + m.group(1)
                        + "' (use udp, tcp or tls)");
            }
        } else if (sips) {
            transport = Transport.TLS;
        } else {
            transport = Transport.UDP;
            explicit = false;
        }
        if (sips && transport != Transport.TLS) {
            throw new IllegalArgumentException("'" + uri + "' is a sips: URI, which needs TLS, not " + transport);
        }
        return new TrunkAddress(host, Math.max(parsed.getPort(), 0), transport, explicit);
    }

    /** {@code host[:port]} for Request-URIs, IPv6 in brackets. */
    public String hostPort() {
        String h = host.contains(":") ? "[" + host + "]" : host;
        return port > 0 ? h + ":" + port : h;
    }

    /** The endpoint to send to when the host is an IP literal; empty (resolve by DNS) otherwise. */
    public List<Endpoint> literalEndpoints() {
        byte[] ip = NetUtil.createByteArrayFromIpAddressString(host);
        if (ip == null) {
            return List.of();
        }
        try {
            InetSocketAddress address = new InetSocketAddress(InetAddress.getByAddress(ip),
                    port > 0 ? port : transport.defaultPort());
            return List.of(new Endpoint(transport, address, transport == Transport.TLS ? host : null));
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("bad IP address " + host, e);
        }
    }
}
