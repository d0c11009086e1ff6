package io.dialer.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code dialer} command (design.md §7). */
@Command(name = "dialer", mixinStandardHelpOptions = true, version = "dialer 0.1.0",
        description = "SIP outbound dialer engine.",
        subcommands = {CallCommand.class, DemoCommand.class, ProbeCommand.class, ServeCommand.class, SimCommand.class,
                LoadCommand.class})
public final class Main implements Runnable {

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the CLI and returns its exit code: 0 ran, 2 bad arguments (3 for probe), 1 failure. */
    public static int run(String... args) {
        CommandLine cli = new CommandLine(new Main());
        cli.setParameterExceptionHandler((ex, a) -> {
            // design.md §7: bad arguments exit 2 with one line naming the flag and why;
            // a command may choose another code (probe: 3, issue 6), picocli's default is 2.
            ex.getCommandLine().getErr().println("dialer: " + ex.getMessage());
            return ex.getCommandLine().getCommandSpec().exitCodeOnInvalidInput();
        });
        cli.setExecutionExceptionHandler((ex, c, parsed) -> {
            // One line a person can act on; the stack trace only when asked for.
            c.getErr().println("dialer: " + (ex.getMessage() != null ? ex.getMessage() : ex.toString()));
            if (System.getenv("DIALER_DEBUG") != null) {
                ex.printStackTrace(c.getErr());
            }
            return 1;
        });
        return cli.execute(args);
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}
