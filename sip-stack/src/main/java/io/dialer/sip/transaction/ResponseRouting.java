package io.dialer.sip.transaction;

import gov.nist.javax.sip.header.Via;
import io.dialer.sip.transport.Endpoint;
import io.dialer.sip.transport.Flow;
import io.dialer.sip.transport.Transport;
import io.netty.util.NetUtil;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.text.ParseException;
import java.util.Arrays;

/**
 * Where a server sends its responses, and what it writes into the request's
 * top Via so that the responses say it (RFC 3261 §18.2.1, §18.2.2, RFC 3581).
 *
 * <p>The {@code maddr} parameter is ignored: multicast requests are not
 * something a user agent behind trunks receives, and honouring maddr would
 * let a request aim our responses at an arbitrary host.
 */
public final class ResponseRouting {

    private static final String RPORT = "rport";

    private ResponseRouting() {
    }

    /**
     * RFC 3261 §18.2.1: adds {@code received} with the source IP when the
     * sent-by host is not that IP (a host name always differs). RFC 3581 §4:
     * when the Via has an empty {@code rport}, fills in the source port.
     */
    public static void stampVia(Via via, Flow flow) {
        InetAddress source = flow.remote().getAddress();
        try {
            if (!sameAddress(via.getHost(), source)) {
                // RFC 5952 text without a scope id: what a peer can compare with its own address.
                via.setReceived(NetUtil.toAddressString(source));
            }
            if (via.hasParameter(RPORT)) {
                via.setParameter(RPORT, Integer.toString(flow.remote().getPort()));
            }
        } catch (ParseException e) {
            // An IP address and a port number are always valid parameter values.
            throw new IllegalStateException("cannot stamp Via with " + flow.remote(), e);
        }
    }

    /**
     * RFC 3261 §18.2.2 and RFC 3581 §4. Reliable transports answer over the
     * connection the request came on. Over UDP the response goes to the
     * source IP (which is the {@code received} value, or the sent-by when they
     * are equal), at the source port when the request asked with {@code rport},
     * otherwise at the sent-by port (5060 when absent).
     */
    public static Endpoint responseDestination(Via via, Flow flow) {
        if (flow.transport().reliable()) {
            return flow.replyEndpoint();
        }
        InetAddress source = flow.remote().getAddress();
        int port;
        if (via.hasParameter(RPORT)) {
            port = flow.remote().getPort();
        } else if (via.getPort() > 0) {
            port = via.getPort();
        } else {
            port = Transport.UDP.defaultPort();
        }
        return Endpoint.of(flow.transport(), new InetSocketAddress(source, port));
    }

    private static boolean sameAddress(String host, InetAddress source) {
        if (host == null) {
            return false;
        }
        String literal = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        // Parses IP literals only: a host name must never trigger a DNS lookup here.
        byte[] bytes = NetUtil.createByteArrayFromIpAddressString(literal);
        return bytes != null && Arrays.equals(bytes, source.getAddress());
    }
}
