package io.dialer.sip.transport;

import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.ssl.NotSslRecordException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.PortUnreachableException;
import java.nio.channels.ClosedChannelException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.util.Locale;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;

/**
 * Turns low-level I/O failures into {@link TransportException}s whose message says,
 * in words a support engineer can act on, what failed and where.
 */
final class TransportErrors {

    private TransportErrors() {
    }

    static TransportException describe(Endpoint destination, Throwable cause) {
        if (cause instanceof TransportException te) {
            return te;
        }
        String where = hostPort(destination);
        String over = " over " + destination.transport();
        String message;
        if (cause instanceof PortUnreachableException || (isErrno(cause, "connection refused")
                && destination.transport() == Transport.UDP)) {
            message = "ICMP port unreachable from " + where + over;
        } else if (cause instanceof ConnectTimeoutException) {
            message = "connection to " + where + over + " timed out";
        } else if (cause instanceof NoRouteToHostException) {
            message = "no route to " + where + over;
        } else if (cause instanceof ConnectException || isErrno(cause, "connection refused")) {
            message = "connection refused by " + where + over;
        } else if (cause instanceof SSLException || cause instanceof NotSslRecordException) {
            message = "TLS handshake with " + where + " failed: " + tlsReason(cause);
        } else if (cause instanceof ClosedChannelException) {
            message = "connection to " + where + over + " closed before the message was sent";
        } else {
            message = "sending to " + where + over + " failed: " + cause;
        }
        return new TransportException(destination, message, cause);
    }

    static String hostPort(Endpoint endpoint) {
        return endpoint.address().getAddress().getHostAddress() + ":" + endpoint.address().getPort();
    }

    /** Names the TLS failure from the cause chain: hostname mismatch, unknown CA, protocol. */
    static String tlsReason(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            String m = t.getMessage() == null ? "" : t.getMessage().toLowerCase(Locale.ROOT);
            if (t instanceof CertificateException && (m.contains("no subject alternative")
                    || m.contains("no name matching") || m.contains("does not match"))) {
                return "certificate does not match host name (" + t.getMessage() + ")";
            }
            if (t instanceof CertPathValidatorException || m.contains("pkix path building failed")
                    || m.contains("unable to find valid certification path")) {
                return "certificate is not trusted: unknown CA or incomplete chain";
            }
            if (m.contains("protocol_version") || m.contains("no appropriate protocol")
                    || m.contains("protocol version")) {
                return "no common TLS protocol version (TLS 1.2 or 1.3 required)";
            }
            if (t instanceof NotSslRecordException) {
                return "the peer does not speak TLS";
            }
        }
        if (cause instanceof SSLHandshakeException && cause.getMessage() != null) {
            return cause.getMessage();
        }
        return String.valueOf(cause.getMessage());
    }

    private static boolean isErrno(Throwable cause, String text) {
        String m = cause.getMessage();
        return m != null && m.toLowerCase(Locale.ROOT).contains(text);
    }
}
