package io.dialer.sip.ua;

import io.dialer.sip.transport.Endpoint;
import io.dialer.sip.transport.Transport;
import io.netty.util.NetUtil;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import javax.sip.address.SipURI;
import javax.sip.address.URI;

/**
 * Turns the next-hop URI of an in-dialog request (top Route, or the remote
 * target) into an endpoint. Numeric hosts are used as they are (RFC 3263
 * §4.2); a host name falls back to the endpoint the dialog was set up through,
 * which is the trunk in every deployment we serve, and keeps its TLS name.
 */
final class Hops {

    private Hops() {
    }

    static Endpoint endpointFor(URI uri, Endpoint fallback) {
        if (!(uri instanceof SipURI sip)) {
            return fallback;
        }
        String host = sip.getHost();
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        byte[] ip = NetUtil.createByteArrayFromIpAddressString(host);
        if (ip == null) {
            return fallback;
        }
        Transport transport = transportOf(sip, fallback.transport());
        int port = sip.getPort() > 0 ? sip.getPort() : transport.defaultPort();
        InetSocketAddress address;
        try {
            address = new InetSocketAddress(InetAddress.getByAddress(ip), port);
        } catch (UnknownHostException e) {
            return fallback; // cannot happen for a 4- or 16-byte address
        }
        if (address.equals(fallback.address()) && transport == fallback.transport()) {
            return fallback;
        }
        return new Endpoint(transport, address, transport == Transport.TLS ? fallback.serverName() : null);
    }

    private static Transport transportOf(SipURI uri, Transport fallback) {
        String param = uri.getTransportParam();
        if (param != null) {
            try {
                return Transport.parse(param);
            } catch (IllegalArgumentException e) {
                return fallback;
            }
        }
        // RFC 3263 §4.1: a sips URI without a transport parameter means TLS.
        return uri.isSecure() ? Transport.TLS : fallback;
    }
}
