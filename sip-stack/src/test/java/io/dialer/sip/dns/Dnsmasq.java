package io.dialer.sip.dns;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A private dnsmasq on 127.0.0.1 and a free port, serving only the records a test
 * passes (no /etc/hosts, no upstream, no config file; authoritative for {@code .test}). {@link #close()} stops
 * exactly the process this instance started. If dnsmasq is not installed,
 * {@link #start} fails with an explanation instead of letting the test skip.
 */
public final class Dnsmasq implements AutoCloseable {

    private static final String FALLBACK_PATH = "/usr/sbin/dnsmasq";
    private static final int ATTEMPTS = 3;

    private final Process process;
    private final InetSocketAddress address;
    private final List<String> output;

    private Dnsmasq(Process process, InetSocketAddress address, List<String> output) {
        this.process = process;
        this.address = address;
        this.output = output;
    }

    /**
     * Starts dnsmasq with the given record options, e.g.
     * {@code --srv-host=_sip._udp.trunk.test,sip1.trunk.test,5070,10,60} or
     * {@code --host-record=sip1.trunk.test,127.0.0.1}, and waits until it serves.
     */
    public static Dnsmasq start(String... recordOptions) throws IOException, InterruptedException {
        String binary = binary();
        IOException last = null;
        // A port found free can be taken by someone else before dnsmasq binds it; retry.
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            int port = freePort();
            List<String> command = new ArrayList<>(List.of(binary, "--no-daemon", "--conf-file=/dev/null",
                    "--no-resolv", "--no-hosts", "--no-poll", "--pid-file", "--log-facility=-",
                    "--listen-address=127.0.0.1", "--bind-interfaces", "--port=" + port,
                    // Answer NXDOMAIN for unknown .test names instead of REFUSED (no upstream).
                    "--local=/test/"));
            command.addAll(List.of(recordOptions));
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            List<String> output = Collections.synchronizedList(new ArrayList<>());
            CompletableFuture<Boolean> started = new CompletableFuture<>();
            Thread reader = new Thread(() -> readOutput(process, output, started), "dnsmasq-" + port);
            reader.setDaemon(true);
            reader.start();
            try {
                if (started.get(10, TimeUnit.SECONDS)) {
                    return new Dnsmasq(process, new InetSocketAddress(InetAddress.getLoopbackAddress(), port), output);
                }
                last = new IOException("dnsmasq exited on port " + port + ": " + String.join(" | ", output));
            } catch (TimeoutException e) {
                last = new IOException("dnsmasq did not report 'started' within 10 s: " + String.join(" | ", output));
            } catch (java.util.concurrent.ExecutionException e) {
                last = new IOException("could not read dnsmasq's output", e.getCause());
            }
            stop(process);
        }
        throw last;
    }

    /** Where to send queries. */
    public InetSocketAddress address() {
        return address;
    }

    /** Everything dnsmasq printed so far, for assertion messages. */
    public List<String> output() {
        synchronized (output) {
            return List.copyOf(output);
        }
    }

    @Override
    public void close() {
        stop(process);
    }

    private static void stop(Process process) {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static void readOutput(Process process, List<String> output, CompletableFuture<Boolean> started) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                output.add(line);
                // dnsmasq logs "started, version ..." after its listening sockets are bound.
                if (line.contains("started, version")) {
                    started.complete(true);
                }
            }
            started.complete(false);
        } catch (IOException e) {
            started.completeExceptionally(e);
        }
    }

    /** `command -v dnsmasq`, else the Debian location; fails loudly when neither exists. */
    private static String binary() {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(File.pathSeparator)) {
            File candidate = new File(dir, "dnsmasq");
            if (!dir.isEmpty() && candidate.canExecute()) {
                return candidate.getAbsolutePath();
            }
        }
        if (new File(FALLBACK_PATH).canExecute()) {
            return FALLBACK_PATH;
        }
        throw new IllegalStateException("dnsmasq is not installed (not on PATH, not at " + FALLBACK_PATH
                + "); the DNS tests need it: apt-get install dnsmasq-base");
    }

    /** A port free for both UDP and TCP on 127.0.0.1 (dnsmasq listens on both). */
    private static int freePort() throws IOException {
        for (int i = 0; i < 20; i++) {
            try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
                int port = udp.getLocalPort();
                try (ServerSocket tcp = new ServerSocket()) {
                    tcp.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
                    return port;
                } catch (IOException taken) {
                    // TCP side busy: try another UDP port.
                }
            }
        }
        throw new IOException("no port free for both UDP and TCP on 127.0.0.1");
    }
}
