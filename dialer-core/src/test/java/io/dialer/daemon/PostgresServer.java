package io.dialer.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import io.dialer.daemon.config.StoreSettings;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real PostgreSQL (Debian's {@code postgresql} package) in a temp directory on a
 * loopback port, for the store tests: initdb, pg_ctl start, pg_ctl stop. PostgreSQL
 * refuses to run as root, so as root the cluster runs as the {@code postgres} user
 * (see /work/shared/peers.md).
 */
final class PostgresServer implements AutoCloseable {

    private final Path base;
    private final Path data;
    private final int port;

    private PostgresServer(Path base, int port) {
        this.base = base;
        this.data = base.resolve("data");
        this.port = port;
    }

    static PostgresServer start() throws Exception {
        Path bin = binDir();
        Path base = Files.createTempDirectory("dialer-pg");
        Files.setPosixFilePermissions(base, PosixFilePermissions.fromString("rwxr-xr-x"));
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        PostgresServer pg = new PostgresServer(base, port);
        if (asRoot()) {
            run(List.of("chown", "postgres", base.toString()));
        }
        pg.run(bin.resolve("initdb").toString(), "-D", pg.data.toString(), "-A", "trust", "-U", "postgres");
        pg.run(bin.resolve("pg_ctl").toString(), "-D", pg.data.toString(), "-l", base.resolve("log").toString(),
                "-o", "-p " + port + " -k " + base + " -c listen_addresses=127.0.0.1", "-w", "start");
        return pg;
    }

    StoreSettings settings() {
        return new StoreSettings("jdbc:postgresql://127.0.0.1:" + port + "/postgres", Optional.of("postgres"),
                Optional.empty());
    }

    String url() {
        return settings().jdbcUrl();
    }

    @Override
    public void close() throws Exception {
        try {
            run(binDir().resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "fast", "-w", "stop");
        } finally {
            try (Stream<Path> files = Files.walk(base)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static Path binDir() throws IOException {
        Path root = Path.of("/usr/lib/postgresql");
        assertThat(root).as("PostgreSQL binaries (apt-get install -y postgresql)").isDirectory();
        try (Stream<Path> versions = Files.list(root)) {
            Path bin = versions.map(v -> v.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("initdb")))
                    .max(Comparator.naturalOrder()).orElseThrow(() -> new AssertionError("no initdb under " + root));
            return bin;
        }
    }

    private static boolean asRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private void run(String... command) throws Exception {
        List<String> cmd = new ArrayList<>();
        if (asRoot()) {
            cmd.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        cmd.addAll(List.of(command));
        run(cmd);
    }

    private static void run(List<String> cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("%s finished", cmd).isTrue();
        assertThat(p.exitValue()).as("%s: %s", cmd, output).isZero();
    }
}
