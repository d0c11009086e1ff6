package io.dialer.sip.testpeers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Tells whether a peer has bound a loopback port, by reading the kernel's
 * socket tables. Binding or connecting to find out would race the peer for
 * the port or disturb it.
 */
final class PortProbe {

    private static final String UDP_UNCONNECTED = "07";
    private static final String TCP_LISTEN = "0A";

    private PortProbe() {
    }

    static boolean udpBound(int port) {
        return anyEntry(List.of("/proc/net/udp", "/proc/net/udp6"), port, UDP_UNCONNECTED);
    }

    static boolean tcpListening(int port) {
        return anyEntry(List.of("/proc/net/tcp", "/proc/net/tcp6"), port, TCP_LISTEN);
    }

    private static boolean anyEntry(List<String> tables, int port, String state) {
        String hexPort = ":" + String.format(Locale.ROOT, "%04X", port);
        for (String table : tables) {
            try {
                for (String line : Files.readAllLines(Path.of(table))) {
                    String[] f = line.trim().split("\\s+");
                    if (f.length > 3 && f[1].endsWith(hexPort) && f[3].equals(state)) {
                        return true;
                    }
                }
            } catch (IOException e) {
                // table absent (no IPv6): nothing bound there
            }
        }
        return false;
    }
}
