package io.dialer.cli;

import io.dialer.probe.MetricsEndpoint;
import io.dialer.probe.Probe;
import io.dialer.probe.ProbeJson;
import io.dialer.probe.ProbeMetrics;
import io.dialer.probe.ProbeOptions;
import io.dialer.probe.ProbeReport;
import io.dialer.probe.ProbeText;
import io.dialer.sip.auth.Credentials;
import io.dialer.sip.transport.Transport;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code dialer probe} (issue 6, design.md §7): checks a trunk step by step —
 * URI, DNS, transport and TLS, OPTIONS, auth, an optional test call — and
 * says what is wrong and what to do. Exit 0 all ok, 1 a warning, 2 a
 * failure, 3 bad arguments. {@code --watch} repeats and serves Prometheus
 * metrics on {@code --metrics-port}.
 */
@Command(name = "probe", exitCodeOnInvalidInput = 3,
        description = "Check a SIP trunk step by step and say what is wrong (exit 0 ok, 1 warn, 2 fail, 3 bad arguments).")
final class ProbeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    TrunkOptions trunkOptions;



    @Option(names = "--to", paramLabel = "NUMBER",
            description = "Place a real test call to this number (E.164) or SIP URI; without it no phone rings.")
    String to;

    @Option(names = "--from", paramLabel = "NUMBER", description = "Calling number (From user) for the auth INVITE and the test call.")
    String from;


    @Option(names = "--ca", paramLabel = "FILE",
            description = "CA certificate(s) (PEM) the trunk's TLS certificate must chain to, instead of the system's.")
    Path ca;

    @Option(names = "--register", description = "Also REGISTER the account (RFC 3261 §10.2) and remove the binding again.")
    boolean register;

    @Option(names = "--json", description = "Print the report as one JSON document.")
    boolean json;

    @Option(names = "--watch", paramLabel = "INTERVAL", converter = DurationConverter.class,
            description = "Repeat every INTERVAL (e.g. 30s) and serve Prometheus metrics on --metrics-port.")
    Duration watch;

    @Option(names = "--metrics-port", defaultValue = "9464",
            description = "Port on 127.0.0.1 for GET /metrics with --watch (default: ${DEFAULT-VALUE}; 0 picks one).")
    int metricsPort;

    @Option(names = "--count", defaultValue = "0",
            description = "With --watch: stop after this many runs (default: 0, run until stopped).")
    int count;

    @Option(names = "--timeout", defaultValue = "5s", converter = DurationConverter.class,
            description = "How long to wait for each answer (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Option(names = "--dns-server", paramLabel = "HOST:PORT",
            description = "Ask this DNS server instead of the system's (e.g. 127.0.0.1:5353).")
    String dnsServer;

    @Override
    public Integer call() throws Exception {
        ProbeOptions options = options();
        PrintWriter out = spec.commandLine().getOut();
        Probe probe = new Probe();
        if (watch == null) {
            ProbeReport report;
            try {
                report = probe.run(options);
            } catch (RuntimeException e) {
                // The probe itself could not run (e.g. no local port for the SIP stack): a failure,
                // not a warning, so scripts gating on the exit code do not pass it.
                spec.commandLine().getErr().println("dialer probe: could not run: "
                        + (e.getMessage() != null ? e.getMessage() : e.toString()));
                return 2;
            }
            print(report, out);
            return report.exitCode();
        }
        ProbeMetrics metrics = new ProbeMetrics();
        MetricsEndpoint server;
        try {
            server = MetricsEndpoint.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), metricsPort), metrics);
        } catch (java.io.IOException e) {
            throw new ParameterException(spec.commandLine(), "--metrics-port " + metricsPort + ": cannot listen ("
                    + e.getMessage() + "); choose another port, or 0 for any free one");
        }
        try (MetricsEndpoint endpoint = server) {
            if (!json) {
                out.println("metrics: http://" + endpoint.address().getAddress().getHostAddress() + ":"
                        + endpoint.address().getPort() + "/metrics");
            }
            ProbeReport report = null;
            for (int run = 1; count == 0 || run <= count; run++) {
                long started = System.nanoTime();
                report = probe.run(options);
                metrics.record(report);
                print(report, out);
                if (count != 0 && run == count) {
                    break;
                }
                long rest = watch.toNanos() - (System.nanoTime() - started);
                if (rest > 0) {
                    Thread.sleep(rest / 1_000_000, (int) (rest % 1_000_000));
                }
            }
            return report.exitCode();
        }
    }

    private void print(ProbeReport report, PrintWriter out) {
        if (json) {
            out.println(new ProbeJson().toJson(report));
            out.flush();
        } else {
            new ProbeText(out).print(report);
        }
    }

    private ProbeOptions options() {
        Optional<Credentials> credentials = trunkOptions.credentials(spec);
        Transport override = trunkOptions.transport(spec);
        if (ca != null && !Files.isReadable(ca)) {
            throw new ParameterException(spec.commandLine(), "--ca " + ca + " is not a readable file");
        }
        if (watch != null && watch.isZero()) {
            throw new ParameterException(spec.commandLine(), "--watch: the interval must be more than 0");
        }
        if (count < 0 || (count > 0 && watch == null)) {
            throw new ParameterException(spec.commandLine(), "--count needs --watch and must be 0 or more");
        }
        if (metricsPort < 0 || metricsPort > 65_535) {
            throw new ParameterException(spec.commandLine(), "--metrics-port: " + metricsPort + " is not a port");
        }
        if (timeout.isZero()) {
            throw new ParameterException(spec.commandLine(), "--timeout must be more than 0");
        }
        return new ProbeOptions(trunkOptions.trunk, override, credentials,
                to, from, ca, register, dnsServer(), timeout);
    }

    private InetSocketAddress dnsServer() {
        if (dnsServer == null) {
            return null;
        }
        int colon = dnsServer.lastIndexOf(':');
        try {
            String host = colon < 0 ? dnsServer : dnsServer.substring(0, colon);
            int port = colon < 0 ? 53 : Integer.parseInt(dnsServer.substring(colon + 1));
            InetAddress address = InetAddress.getByName(host.replaceAll("^\\[|]$", ""));
            return new InetSocketAddress(address, port);
        } catch (java.net.UnknownHostException | IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--dns-server: '" + dnsServer
                    + "' is not HOST:PORT (e.g. 127.0.0.1:5353)");
        }
    }
}
