package io.dialer.probe;

import io.dialer.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/** One run of {@code dialer probe} through the CLI, with what it printed. */
record ProbeRun(int exit, String out, String err) {

    static ProbeRun of(String... args) {
        String[] full = new String[args.length + 1];
        full[0] = "probe";
        System.arraycopy(args, 0, full, 1, args.length);
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int exit = Main.run(full);
            return new ProbeRun(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
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
