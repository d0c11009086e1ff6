package io.dialer.core.trace;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Reads a pcap file back with tshark (Debian package {@code tshark}), as a reviewer would open it. */
public final class Tshark {

    private Tshark() {
    }

    /**
     * The values of the given fields for every packet that passes {@code filter},
     * one row per packet, fields separated by '|'. Plain options: SIP is found by
     * Wireshark's default heuristics, nothing is forced onto a port.
     */
    public static List<String> fields(Path pcap, String filter, String... fields) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(program(), "-n", "-r", pcap.toString(),
                "-o", "ip.check_checksum:TRUE", "-o", "udp.check_checksum:TRUE",
                "-Y", filter, "-T", "fields", "-E", "separator=|"));
        for (String f : fields) {
            command.add("-e");
            command.add(f);
        }
        Path err = Files.createTempFile(pcap.getParent(), "tshark", ".err");
        Process p = new ProcessBuilder(command).redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("tshark did not finish reading " + pcap);
        }
        if (p.exitValue() != 0) {
            throw new IOException("tshark failed (exit " + p.exitValue() + "): " + Files.readString(err));
        }
        String text = new String(out, StandardCharsets.UTF_8);
        return text.isEmpty() ? List.of() : List.of(text.split("\n"));
    }

    private static String program() {
        for (String dir : List.of("/usr/bin", "/usr/local/bin", "/bin")) {
            Path p = Path.of(dir, "tshark");
            if (Files.isExecutable(p)) {
                return p.toString();
            }
        }
        throw new IllegalStateException("tshark is not installed: the pcap tests read their files back with it "
                + "(apt-get install tshark; scripts/test installs it)");
    }
}
