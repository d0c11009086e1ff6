package io.dialer.cli;

import io.dialer.sim.NumberPlan;
import io.dialer.sim.SimSettings;
import io.dialer.sim.Simulator;
import io.dialer.sip.auth.Credentials;
import io.dialer.sip.transport.Transport;
import io.netty.util.NetUtil;

import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code dialer sim}: a carrier and callee simulator whose behaviour is
 * chosen by the dialed number (docs/sim.md); prints one line per call.
 */
@Command(name = "sim", description = "Run a carrier-and-callee simulator: the dialed number chooses what happens.")
final class SimCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--port", defaultValue = "5062", description = "UDP and TCP port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to listen on (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--hold", defaultValue = "3s", converter = DurationConverter.class,
            description = "How long answered calls last before the callee hangs up (default: ${DEFAULT-VALUE}).")
    Duration hold;

    @Option(names = "--username", description = "Challenge every INVITE (407) and require this digest username.")
    String username;

    @Option(names = "--password", description = "The digest password that goes with --username.")
    String password;

    @Option(names = "--stop-after", converter = DurationConverter.class,
            description = "Stop after this long (default: run until Ctrl-C).")
    Duration stopAfter;

    @Override
    public Integer call() throws Exception {
        SimSettings settings = settings();
        PrintWriter out = spec.commandLine().getOut();
        CountDownLatch stopped = new CountDownLatch(1);
        try (Simulator sim = Simulator.start(settings, report -> {
            synchronized (out) {
                out.println(report.line());
                out.flush();
            }
        })) {
            Thread hook = new Thread(() -> {
                sim.close();
                stopped.countDown();
            }, "dialer-sim-stop");
            Runtime.getRuntime().addShutdownHook(hook);
            synchronized (out) {
                out.printf("dialer-sim listening on udp %s and tcp %s; answered calls last %s; %s%n",
                        hostPort(sim, Transport.UDP), hostPort(sim, Transport.TCP), seconds(hold),
                        username == null ? "no authentication" : "digest authentication (407) as " + username);
                out.println(NumberPlan.TABLE);
                out.println(stopAfter == null ? "Ctrl-C stops." : "Stopping after " + seconds(stopAfter) + ".");
                out.flush();
            }
            if (stopAfter == null) {
                stopped.await();
            } else if (!stopped.await(stopAfter.toMillis(), TimeUnit.MILLISECONDS)) {
                // Our own time is up (not Ctrl-C, when the JVM refuses hook changes): the hook has no job left.
                Runtime.getRuntime().removeShutdownHook(hook);
            }
        }
        return 0;
    }

    private SimSettings settings() {
        if (port < 0 || port > 65535) {
            throw new ParameterException(spec.commandLine(), "--port " + port + " is not a port number (0-65535)");
        }
        byte[] ip = NetUtil.createByteArrayFromIpAddressString(host);
        if (ip == null) {
            throw new ParameterException(spec.commandLine(), "--host '" + host + "' is not an IP address");
        }
        if (hold.isZero()) {
            throw new ParameterException(spec.commandLine(), "--hold must be longer than 0");
        }
        if ((username == null) != (password == null)) {
            throw new ParameterException(spec.commandLine(), "--username and --password go together: give both or neither");
        }
        try {
            SimSettings s = SimSettings.defaults().withHost(InetAddress.getByAddress(ip)).withPort(port).withHold(hold);
            return username == null ? s : s.withCredentials(Credentials.of(username, password));
        } catch (UnknownHostException e) {
            throw new ParameterException(spec.commandLine(), "--host '" + host + "': " + e.getMessage());
        }
    }

    private static String hostPort(Simulator sim, Transport t) {
        var a = sim.localAddress(t);
        String h = a.getAddress().getHostAddress();
        return (h.contains(":") ? "[" + h + "]" : h) + ":" + a.getPort();
    }

    private static String seconds(Duration d) {
        return String.format("%.1f s", d.toMillis() / 1000.0);
    }
}
