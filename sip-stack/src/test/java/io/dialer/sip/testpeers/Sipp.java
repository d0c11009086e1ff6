package io.dialer.sip.testpeers;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * SIPp (Debian package sip-tester) as a peer on 127.0.0.1. Either a built-in
 * scenario ({@code -sn uas}) or an XML scenario from the test resources
 * ({@code /sipp/NAME.xml}). With {@code calls} set it exits after that many
 * calls: exit code 0 means every call passed its scenario.
 */
public final class Sipp extends PeerProcess {

    private final int port;

    private Sipp(List<String> command, Path dir, int port) throws IOException {
        super("sipp-" + port, command, dir);
        this.port = port;
    }

    public int port() {
        return port;
    }

    /** Starts SIPp as a server with a built-in or resource scenario on a fresh port. */
    public static Sipp server(String scenario, String transport, int calls, Path dir, String... extra)
            throws IOException {
        // A port found free can be taken by another process before SIPp binds it: try again.
        for (int attempt = 1; ; attempt++) {
            try {
                return startServer(scenario, transport, calls, dir, extra);
            } catch (IOException e) {
                if (attempt >= 3 || !String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT)
                        .contains("address already in use")) {
                    throw e;
                }
            }
        }
    }

    private static Sipp startServer(String scenario, String transport, int calls, Path dir, String... extra)
            throws IOException {
        int port = FreePort.pick();
        List<String> cmd = new ArrayList<>(List.of(program("sipp"), "-i", "127.0.0.1", "-p", String.valueOf(port),
                "-t", transport.equals("tcp") ? "t1" : "u1", "-nostdin", "-trace_err", "-trace_msg",
                "-message_file", dir.resolve("sipp-" + port + "-messages.log").toString()));
        if (scenario.startsWith("builtin:")) {
            cmd.add("-sn");
            cmd.add(scenario.substring("builtin:".length()));
        } else {
            cmd.add("-sf");
            cmd.add(copyScenario(scenario, dir).toString());
        }
        if (calls > 0) {
            cmd.add("-m");
            cmd.add(String.valueOf(calls));
        }
        cmd.addAll(List.of(extra));
        Sipp sipp = new Sipp(cmd, dir, port);
        sipp.awaitListening(transport);
        return sipp;
    }

    /**
     * Starts SIPp as a caller: a built-in or resource scenario against the
     * target, {@code calls} calls at one per second at most, then it exits.
     */
    public static Sipp client(String scenario, String transport, int targetPort, int calls, Path dir, String... extra)
            throws IOException {
        int port = FreePort.pick();
        List<String> cmd = new ArrayList<>(List.of(program("sipp"), "-i", "127.0.0.1", "-p", String.valueOf(port),
                "-t", transport.equals("tcp") ? "t1" : "u1", "-nostdin", "-trace_err", "-trace_msg",
                "-message_file", dir.resolve("sipp-" + port + "-messages.log").toString(),
                "-m", String.valueOf(calls), "-timeout", "30s", "-timeout_error"));
        if (scenario.startsWith("builtin:")) {
            cmd.add("-sn");
            cmd.add(scenario.substring("builtin:".length()));
        } else {
            cmd.add("-sf");
            cmd.add(copyScenario(scenario, dir).toString());
        }
        cmd.addAll(List.of(extra));
        cmd.add("127.0.0.1:" + targetPort);
        return new Sipp(cmd, dir, port);
    }

    /** The messages SIPp sent and received, from its -message_file. */
    public String messages(Path dir) {
        try {
            Path p = dir.resolve("sipp-" + port + "-messages.log");
            return Files.exists(p) ? Files.readString(p, StandardCharsets.ISO_8859_1) : "";
        } catch (IOException e) {
            return "";
        }
    }

    private void awaitListening(String transport) throws IOException {
        // SIPp binds before it prints anything useful; probe the port until it is taken.
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (!isAlive()) {
                throw new IOException("SIPp exited at start: " + output());
            }
            if (portTaken(transport)) {
                return;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
        }
        throw new IOException("SIPp did not bind 127.0.0.1:" + port + ": " + output());
    }

    private boolean portTaken(String transport) {
        return transport.equals("tcp") ? PortProbe.tcpListening(port) : PortProbe.udpBound(port);
    }

    /**
     * As {@link #server}, with {@code {{name}}} placeholders in the scenario filled
     * in first: SIPp checks some values (response codes) when it loads a scenario,
     * before its own {@code -key} substitution could supply them.
     */
    public static Sipp serverFilled(String scenario, java.util.Map<String, String> fill, String transport, int calls,
                                    Path dir, String... extra) throws IOException {
        return server("file:" + fill(scenario, fill, dir), transport, calls, dir, extra);
    }

    /** As {@link #client}, with {@code {{name}}} placeholders filled in first (see {@link #serverFilled}). */
    public static Sipp clientFilled(String scenario, java.util.Map<String, String> fill, String transport,
                                    int targetPort, int calls, Path dir, String... extra) throws IOException {
        return client("file:" + fill(scenario, fill, dir), transport, targetPort, calls, dir, extra);
    }

    private static String fill(String scenario, java.util.Map<String, String> fill, Path dir) throws IOException {
        Path template = copyScenario(scenario, dir);
        String text = Files.readString(template, StandardCharsets.ISO_8859_1);
        for (java.util.Map.Entry<String, String> e : fill.entrySet()) {
            text = text.replace("{{" + e.getKey() + "}}", e.getValue());
        }
        String filledName = scenario + "-" + Integer.toHexString(fill.hashCode());
        Files.writeString(dir.resolve(filledName + ".xml"), text, StandardCharsets.ISO_8859_1);
        return filledName;
    }

    private static Path copyScenario(String name, Path dir) throws IOException {
        if (name.startsWith("file:")) {
            return dir.resolve(name.substring("file:".length()) + ".xml");
        }
        try (InputStream in = Sipp.class.getResourceAsStream("/sipp/" + name + ".xml")) {
            if (in == null) {
                throw new IOException("no scenario /sipp/" + name + ".xml in test resources");
            }
            Path target = dir.resolve(name + ".xml");
            Files.copy(in, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            return target;
        }
    }
}
