package io.dialer.sip.testpeers;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real peer (SIPp, Kamailio, dnsmasq) run as a child process for one test.
 * Output goes to a log file that failing assertions can quote. {@link #close}
 * stops exactly this process.
 */
public class PeerProcess implements AutoCloseable {

    private final String name;
    private final Process process;
    private final Path log;

    protected PeerProcess(String name, List<String> command, Path workDir) throws IOException {
        this.name = name;
        this.log = workDir.resolve(name + ".log");
        ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        this.process = pb.start();
    }

    /** Finds a program on PATH or in the sbin directories Debian installs servers to. */
    public static String program(String name) {
        for (String dir : List.of("/usr/bin", "/usr/sbin", "/usr/local/bin", "/usr/local/sbin", "/sbin", "/bin")) {
            Path p = Path.of(dir, name);
            if (Files.isExecutable(p)) {
                return p.toString();
            }
        }
        throw new IllegalStateException(name + " is not installed: scripts/test installs the test peers "
                + "(apt-get install sip-tester kamailio kamailio-tls-modules dnsmasq-base)");
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Waits for the process to exit by itself; returns its exit code, or -1 on timeout. */
    public int waitFor(Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) ? process.exitValue() : -1;
    }

    /** The peer's output so far, for assertion messages. */
    public String output() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no output: " + e.getMessage() + ")";
        }
    }

    /** Waits until the output contains the text, or the timeout passes. */
    public boolean awaitOutput(String text, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (output().contains(text)) {
                return true;
            }
            if (!process.isAlive()) {
                return output().contains(text);
            }
            Thread.sleep(20);
        }
        return false;
    }

    public String name() {
        return name;
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(3, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(3, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }
}
