package io.dialer.core.trace;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads a pcap file with sngrep (Debian package {@code sngrep}) without its screen. */
final class Sngrep {

    private static final Pattern DIALOG_COUNT = Pattern.compile("Dialog count: (\\d+)");

    /** What sngrep made of a file: the SIP dialogs it found, and the file of the SIP packets it kept. */
    record Result(int dialogs, Path kept) {
    }

    private Sngrep() {
    }

    static Result read(Path pcap) throws IOException, InterruptedException {
        Path kept = pcap.resolveSibling("sngrep-" + pcap.getFileName());
        Path log = pcap.resolveSibling("sngrep-" + pcap.getFileName() + ".log");
        // -N: no screen; -O: write the SIP packets it recognised.
        Process p = new ProcessBuilder(program(), "-N", "-I", pcap.toString(), "-O", kept.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("sngrep did not finish reading " + pcap);
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        if (p.exitValue() != 0) {
            throw new IOException("sngrep failed (exit " + p.exitValue() + "): " + output);
        }
        int dialogs = -1;
        Matcher m = DIALOG_COUNT.matcher(output);
        while (m.find()) {
            dialogs = Integer.parseInt(m.group(1));
        }
        return new Result(dialogs, kept);
    }

    private static String program() {
        for (String dir : List.of("/usr/bin", "/usr/local/bin", "/bin")) {
            Path p = Path.of(dir, "sngrep");
            if (Files.isExecutable(p)) {
                return p.toString();
            }
        }
        throw new IllegalStateException("sngrep is not installed: the pcap tests open their files with it "
                + "(apt-get install sngrep; scripts/test installs it)");
    }
}
