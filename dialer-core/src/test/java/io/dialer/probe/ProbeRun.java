package io.dialer.probe;

import java.util.Arrays;
import java.util.Optional;

/** One run of {@code dialer probe} through the CLI, with what it printed. */
record ProbeRun(int exit, String out, String err) {

    static ProbeRun of(String... args) {
        String[] full = new String[args.length + 1];
        full[0] = "probe";
        System.arraycopy(args, 0, full, 1, args.length);
        io.dialer.cli.CliRun run = io.dialer.cli.CliRun.of(full);
        return new ProbeRun(run.exit(), run.out(), run.err());
    }

    /** The verdict line of a check, e.g. {@code "  fail  auth       credentials rejected ..."}. */
    Optional<String> line(String check) {
        return Arrays.stream(out.split("\n"))
                .filter(l -> l.matches("^  (ok|warn|fail|skip) +" + check + " .*"))
                .findFirst();
    }

    /** The verdict word on a check's line, or "missing". */
    String verdict(String check) {
        return line(check).map(l -> l.trim().split(" +")[0]).orElse("missing");
    }
}
