package io.dialer.probe;

import io.dialer.sip.transport.Endpoint;
import io.dialer.sip.transport.Transport;
import java.io.IOException;
import java.net.ConnectException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.PortUnreachableException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * Check 3: can we reach the first target at all. UDP: an OPTIONS with
 * Max-Forwards 0 from a connected socket, so an ICMP port unreachable comes
 * back as an error; TCP: the connect time; TLS: the connect, then the
 * handshake ({@link TlsInspector}) as its own check.
 */
final class TransportCheck {

    static final String NAME = "transport";

    private final SecureRandom random = new SecureRandom();

    /** At most this many targets are tried: enough to show whether failover has somewhere to go. */
    static final int MAX_TARGETS = 4;

    /**
     * The transport result (and for TLS the handshake result of the first target that
     * connected), and that first reachable target, or null when none was.
     */
    record Outcome(List<CheckResult> results, Endpoint reachable) {
    }

    /** One target's result, and for TLS its handshake. */
    private record Reach(CheckResult result, CheckResult tls) {
    }

    Outcome run(List<Endpoint> targets, ProbeOptions options) {
        List<Endpoint> probed = targets.subList(0, Math.min(MAX_TARGETS, targets.size()));
        List<CheckResult> each = new ArrayList<>();
        Endpoint reachable = null;
        CheckResult tls = null;
        for (Endpoint target : probed) {
            boolean inspect = target.transport() == Transport.TLS && reachable == null;
            Reach reach = target.transport() == Transport.UDP ? new Reach(udp(target, target.toString(),
                    options.timeout()), null) : tcp(target, target.toString(), options.timeout(),
                    inspect ? new TlsInspector(options.caFile()) : null);
            each.add(reach.result());
            if (reach.result().verdict() != Verdict.FAIL && reachable == null) {
                reachable = target;
                tls = reach.tls();
            }
        }
        CheckResult combined = combine(each, probed, targets.size(), reachable);
        return new Outcome(tls == null ? List.of(combined) : List.of(combined, tls), reachable);
    }

    /**
     * One line for all targets. RFC 3263 §4.3: a request fails over to the next
     * target on a transport error or timeout, so a dead target among live ones is
     * a warning (every call to it waits before failing over), all dead a failure.
     */
    private static CheckResult combine(List<CheckResult> each, List<Endpoint> probed, int total, Endpoint reachable) {
        if (each.size() == 1) {
            return each.get(0);
        }
        String evidence = String.join("; ", each.stream().map(CheckResult::evidence).toList())
                + (total > probed.size() ? " (" + total + " targets, the first " + probed.size() + " tried)" : "");
        List<String> dead = new ArrayList<>();
        Verdict worst = Verdict.OK;
        for (int i = 0; i < each.size(); i++) {
            if (each.get(i).verdict() == Verdict.FAIL) {
                dead.add(probed.get(i).toString());
            } else {
                worst = worst.worse(each.get(i).verdict());
            }
        }
        CheckResult reached = reachable == null ? null : each.get(probed.indexOf(reachable));
        CheckResult result;
        if (reachable == null) {
            result = CheckResult.fail(NAME, evidence, each.get(0).nextStep());
        } else if (!dead.isEmpty()) {
            result = CheckResult.warn(NAME, evidence, String.join(", ", dead) + (dead.size() == 1 ? " is" : " are")
                    + " unreachable: calls sent there fail over to the next target only after an error or a "
                    + "timeout; tell the provider, or remove the dead target from DNS");
        } else if (worst == Verdict.WARN) {
            result = CheckResult.warn(NAME, evidence, reached.nextStep());
        } else {
            result = CheckResult.ok(NAME, evidence);
        }
        if (reached != null) {
            for (var m : reached.measurements().entrySet()) {
                result = result.with(m.getKey(), m.getValue());
            }
        }
        return result;
    }

    private CheckResult udp(Endpoint target, String where, Duration timeout) {
        InetSocketAddress peer = target.address();
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(
                peer.getAddress().isLoopbackAddress() ? peer.getAddress() : null, 0))) {
            // Connected, so the kernel reports an ICMP port unreachable to us as an exception.
            socket.connect(peer);
            byte[] request = ping(peer, (InetSocketAddress) socket.getLocalSocketAddress());
            byte[] buffer = new byte[65_535];
            long start = System.nanoTime();
            long deadline = start + timeout.toNanos();
            long interval = Duration.ofMillis(500).toNanos(); // RFC 3261 §17.1.2.2: T1, doubling
            while (true) {
                socket.send(new DatagramPacket(request, request.length));
                long wait = Math.min(interval, deadline - System.nanoTime());
                if (wait <= 0) {
                    break;
                }
                socket.setSoTimeout((int) Math.max(1, wait / 1_000_000));
                try {
                    DatagramPacket reply = new DatagramPacket(buffer, buffer.length);
                    socket.receive(reply);
                    double ms = (System.nanoTime() - start) / 1e6;
                    String firstLine = firstLine(reply.getData(), reply.getLength());
                    return CheckResult.ok(NAME, where + " answered an OPTIONS (Max-Forwards: 0) with '" + firstLine
                            + "' in " + ms(ms)).with("rtt_ms", ms);
                } catch (SocketTimeoutException again) {
                    interval *= 2;
                }
            }
            return CheckResult.warn(NAME, where + ": no answer to OPTIONS within " + timeout.toMillis()
                            + " ms and no ICMP error (UDP cannot tell a silent trunk from a dropped packet)",
                    "ask the provider to allow your public IP address; check that your firewall lets UDP out to "
                            + "port " + peer.getPort() + " and the answers back in; or try --transport tcp");
        } catch (PortUnreachableException e) {
            return CheckResult.fail(NAME, where + ": ICMP port unreachable: nothing listens on UDP port "
                            + peer.getPort() + " at " + peer.getAddress().getHostAddress(),
                    "check the port and transport with the provider (5060 is usual for UDP; some trunks only "
                            + "take TCP or TLS: --transport tcp|tls)");
        } catch (NoRouteToHostException e) {
            return CheckResult.fail(NAME, where + ": no route to host (" + e.getMessage() + ")",
                    "check the address and this machine's network route to it");
        } catch (IOException e) {
            return CheckResult.fail(NAME, where + ": " + e.getMessage(), "check the address and port");
        }
    }

    private Reach tcp(Endpoint target, String where, Duration timeout, TlsInspector tls) {
        InetSocketAddress peer = target.address();
        Socket socket = new Socket();
        try {
            long start = System.nanoTime();
            socket.connect(peer, (int) timeout.toMillis());
            double ms = (System.nanoTime() - start) / 1e6;
            CheckResult connected = CheckResult.ok(NAME, where + ": TCP connected in " + ms(ms))
                    .with("connect_ms", ms);
            return new Reach(connected, tls == null ? null : tls.inspect(socket, target, timeout));
        } catch (ConnectException e) {
            return new Reach(CheckResult.fail(NAME, where + ": TCP connection refused: nothing listens on port "
                            + peer.getPort() + " at " + peer.getAddress().getHostAddress(),
                    "check the port and transport with the provider (5060 is usual for TCP, 5061 for TLS)"), null);
        } catch (SocketTimeoutException e) {
            return new Reach(CheckResult.fail(NAME, where + ": no answer to the TCP connect within "
                            + timeout.toMillis() + " ms (a firewall drops it, or the host is down)",
                    "check that your firewall lets TCP out to port " + peer.getPort()
                            + ", and ask the provider whether your IP address must be allowed first"), null);
        } catch (IOException e) {
            return new Reach(CheckResult.fail(NAME, where + ": " + e.getMessage(), "check the address and port"), null);
        } finally {
            try {
                socket.close();
            } catch (IOException ignored) {
                // Closing a probe socket cannot fail in a way that matters to the verdict.
            }
        }
    }

    /**
     * An OPTIONS with Max-Forwards 0: a proxy answers it itself (RFC 3261
     * §16.3 item 2, 483 or 200) instead of forwarding, so it rings nobody.
     */
    private byte[] ping(InetSocketAddress peer, InetSocketAddress local) {
        String host = peer.getAddress().getHostAddress();
        if (host.contains(":")) {
            host = "[" + host + "]";
        }
        String localHost = local.getAddress().getHostAddress();
        if (localHost.contains(":")) {
            localHost = "[" + localHost + "]";
        }
        String uri = "sip:" + host + ":" + peer.getPort();
        String text = "OPTIONS " + uri + " SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP " + localHost + ":" + local.getPort() + ";branch=z9hG4bK" + token(8) + ";rport\r\n"
                + "Max-Forwards: 0\r\n"
                + "From: <sip:probe@" + localHost + ">;tag=" + token(4) + "\r\n"
                + "To: <" + uri + ">\r\n"
                + "Call-ID: " + token(10) + "@probe\r\n"
                + "CSeq: 1 OPTIONS\r\n"
                + "User-Agent: dialer-probe\r\n"
                + "Content-Length: 0\r\n\r\n";
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private String token(int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    private static String firstLine(byte[] data, int length) {
        String s = new String(data, 0, Math.min(length, 200), StandardCharsets.ISO_8859_1);
        int end = s.indexOf('\r');
        return (end < 0 ? s : s.substring(0, end)).strip();
    }

    static String ms(double ms) {
        return String.format(Locale.ROOT, ms < 10 ? "%.1f ms" : "%.0f ms", ms);
    }
}
