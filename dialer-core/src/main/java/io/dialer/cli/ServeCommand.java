package io.dialer.cli;

import io.dialer.daemon.Daemon;
import io.dialer.daemon.config.ConfigError;
import io.dialer.daemon.config.ConfigException;
import io.dialer.daemon.config.ConfigLoader;
import io.dialer.daemon.config.DaemonConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code dialer serve --config FILE}: the daemon (docs/daemon.md). The config is
 * validated before anything binds; every problem is printed with its key path
 * and the process exits 2. SIGTERM (or Ctrl-C) stops it gracefully.
 */
@Command(name = "serve", description = "Run the dialer daemon: HTTP API, call records, signed webhooks, metrics.")
final class ServeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--config", defaultValue = "config/dialer.yaml",
            description = "The configuration file (default: ${DEFAULT-VALUE}).")
    Path config;

    @Option(names = "--check", description = "Validate the configuration and exit (0 when valid).")
    boolean checkOnly;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        DaemonConfig cfg;
        if (!Files.isReadable(config)) {
            err.println("dialer: --config " + config + ": no such readable file");
            return 2;
        }
        try {
            cfg = new ConfigLoader(System.getenv()).load(config);
        } catch (ConfigException e) {
            err.println("dialer: " + config + " has " + e.errors().size() + " problem(s):");
            for (ConfigError error : e.errors()) {
                err.println("  " + error.line());
            }
            err.flush();
            return 2;
        } catch (IOException e) {
            err.println("dialer: cannot read " + config + ": " + e.getMessage());
            return 2;
        }
        if (checkOnly) {
            spec.commandLine().getOut().println(config + " is valid");
            return 0;
        }
        Daemon daemon = Daemon.start(cfg);
        CountDownLatch stopped = new CountDownLatch(1);
        // SIGTERM and Ctrl-C run shutdown hooks: drain, flush the outbox, then let the JVM exit.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            daemon.close();
            stopped.countDown();
        }, "dialer-serve-stop"));
        PrintWriter out = spec.commandLine().getOut();
        out.println("dialer serve: API on http://" + daemon.httpAddress().getAddress().getHostAddress() + ":"
                + daemon.httpAddress().getPort() + "; SIGTERM or Ctrl-C stops");
        out.flush();
        stopped.await();
        return 0;
    }
}
