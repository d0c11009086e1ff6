package io.dialer.cli;

import io.dialer.sip.auth.Credentials;
import io.dialer.sip.transport.Endpoint;
import io.dialer.sip.transport.Transport;
import io.dialer.sip.ua.CallEvent;
import io.dialer.sip.ua.CallEvents;
import io.dialer.sip.ua.InviteRequest;
import io.dialer.sip.ua.OutgoingCall;
import io.dialer.sip.ua.SipStack;
import io.dialer.sip.ua.StackSettings;
import io.netty.util.NetUtil;

import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code dialer call}: places one call through a trunk and prints what
 * happened to it, message by message.
 */
@Command(name = "call", description = "Place one call and print how it went.")
final class CallCommand implements java.util.concurrent.Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "TO", description = "Number or SIP URI to call.")
    String to;

    @Option(names = "--trunk", required = true, paramLabel = "URI",
            description = "The trunk, e.g. sip:127.0.0.1:5062 or sip:trunk.example.com;transport=tls")
    String trunk;

    @Option(names = "--username", description = "Digest username for the trunk.")
    String username;

    @Option(names = "--password", description = "Digest password for the trunk.")
    String password;

    @Option(names = "--from", defaultValue = "dialer", description = "Calling number or user (default: ${DEFAULT-VALUE}).")
    String from;

    @Option(names = "--transport", description = "udp, tcp or tls (default: from the trunk URI, else udp).")
    String transport;

    @Option(names = "--ring-timeout", defaultValue = "30s", converter = DurationConverter.class,
            description = "Cancel when not answered within this time (default: ${DEFAULT-VALUE}).")
    Duration ringTimeout;

    @Option(names = "--hangup-after", defaultValue = "5s", converter = DurationConverter.class,
            description = "Hang up this long after answer (default: ${DEFAULT-VALUE}).")
    Duration hangupAfter;

    @Option(names = "--local-port", defaultValue = "0", description = "Local SIP port (default: any free port).")
    int localPort;

    @Option(names = "--ca-file", paramLabel = "PEM",
            description = "CA certificate(s) the trunk's TLS certificate must chain to (default: the system's).")
    java.nio.file.Path caFile;

    @Override
    public Integer call() throws Exception {
        Target target = parseTrunk();
        if ((username == null) != (password == null)) {
            throw new ParameterException(spec.commandLine(), "--username and --password go together: give both or neither");
        }
        PrintWriter out = spec.commandLine().getOut();
        StackSettings settings = StackSettings.defaults().withLocalPort(localPort);
        if (caFile != null) {
            if (!java.nio.file.Files.isReadable(caFile)) {
                throw new ParameterException(spec.commandLine(), "--ca-file " + caFile + " is not a readable file");
            }
            settings = settings.withTransport(settings.transport().withTls(
                    io.dialer.sip.transport.TlsSettings.defaults().withTrustedCaFile(caFile)));
        }
        try (SipStack stack = SipStack.start(settings)) {
            String requestUri = to.startsWith("sip:") || to.startsWith("sips:") ? to
                    : "sip:" + to + "@" + target.hostPort();
            String fromUri = from.startsWith("sip:") ? from : "sip:" + from + "@" + target.host();
            InviteRequest request = new InviteRequest(requestUri, fromUri, null, target.transport(),
                    target.endpoint().map(List::of).orElse(List.of()), null,
                    username == null ? Optional.empty() : Optional.of(Credentials.of(username, password)), Map.of());
            long start = System.nanoTime();
            CountDownLatch done = new CountDownLatch(1);
            AtomicReference<OutgoingCall> callRef = new AtomicReference<>();
            out.printf("%7.3f  INVITE %s over %s%n", 0.0, requestUri, target.transport());
            out.flush();
            OutgoingCall call = stack.userAgent().invite(request, event -> {
                double t = (System.nanoTime() - start) / 1e9;
                out.printf("%7.3f  %s%n", t, describe(event));
                out.flush();
                if (event instanceof CallEvent.Answered) {
                    stack.scheduler().schedule(() -> callRef.get().hangup(), hangupAfter);
                } else if (!(event instanceof CallEvent.Provisional)) {
                    done.countDown();
                }
            });
            callRef.set(call);
            stack.scheduler().schedule(call::cancel, ringTimeout);
            long budget = ringTimeout.plus(hangupAfter).plusSeconds(40).toMillis();
            if (!done.await(budget, TimeUnit.MILLISECONDS)) {
                out.println("gave up waiting for the call to end after " + budget + " ms");
                return 1;
            }
        }
        return 0;
    }

    private static String describe(CallEvent event) {
        String summary = CallEvents.summary(event);
        if (event instanceof CallEvent.Answered) {
            return summary + " (ACK sent)";
        }
        return event instanceof CallEvent.Rejected ? summary + " (call not connected)" : summary;
    }

    private record Target(String host, int port, Transport transport, Optional<Endpoint> endpoint) {
        String hostPort() {
            String h = host.contains(":") ? "[" + host + "]" : host;
            return port > 0 ? h + ":" + port : h;
        }
    }

    private Target parseTrunk() {
        String text = trunk.trim();
        if (!text.startsWith("sip:") && !text.startsWith("sips:")) {
            text = "sip:" + text;
        }
        URI uri;
        try {
            uri = URI.create(text.replaceFirst("^sips?:", "sip://").replaceAll(";.*$", ""));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--trunk '" + trunk + "' is not a SIP URI: " + e.getMessage());
        }
        if (uri.getHost() == null) {
            throw new ParameterException(spec.commandLine(), "--trunk '" + trunk + "' has no host");
        }
        String host = uri.getHost().replaceAll("^\\[|]$", "");
        Transport t;
        try {
            String param = text.matches(".*;transport=([a-zA-Z]+).*") ? text.replaceAll(".*;transport=([a-zA-Z]+).*", "$1") : null;
            t = transport != null ? Transport.parse(transport) : param != null ? Transport.parse(param)
                    : text.startsWith("sips:") ? Transport.TLS : Transport.UDP;
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--transport: " + e.getMessage());
        }
        int port = uri.getPort();
        byte[] ip = NetUtil.createByteArrayFromIpAddressString(host);
        Optional<Endpoint> endpoint = Optional.empty();
        if (ip != null) {
            try {
                endpoint = Optional.of(new Endpoint(t, new InetSocketAddress(InetAddress.getByAddress(ip),
                        port > 0 ? port : t.defaultPort()), t == Transport.TLS ? host : null));
            } catch (java.net.UnknownHostException e) {
                throw new ParameterException(spec.commandLine(), "--trunk: bad address " + host);
            }
        }
        return new Target(host, port, t, endpoint);
    }
}
