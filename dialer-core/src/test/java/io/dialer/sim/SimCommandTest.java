package io.dialer.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.dialer.cli.Main;
import io.dialer.sip.transport.Endpoint;
import io.dialer.sip.transport.Transport;
import io.dialer.sip.ua.CallEvent;
import io.dialer.sip.ua.InviteRequest;
import io.dialer.sip.ua.SipStack;
import io.dialer.sip.ua.StackSettings;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import io.dialer.cli.CliRun;
import org.junit.jupiter.api.Test;

/**
 * {@code dialer sim} as design.md §7 has it. Requirements checked:
 * - bad flags exit 2 with one line naming the flag;
 * - it prints where it listens and the number plan, then one line per call
 *   with the number, the behaviour and the final code.
 */
class SimCommandTest {

    private static CliRun run(String... args) {
        return CliRun.of(args);
    }

    @Test
    void badPortExits2() {
        CliRun r = run("sim", "--port", "70000");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--port 70000");
    }

    @Test
    void badHostExits2() {
        CliRun r = run("sim", "--host", "localhost.example");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--host 'localhost.example' is not an IP address");
    }

    @Test
    void badHoldExits2() {
        CliRun r = run("sim", "--hold", "forever");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--hold").contains("'forever' is not a duration");
    }

    @Test
    void usernameWithoutPasswordExits2() {
        CliRun r = run("sim", "--username", "alice");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--username and --password go together");
    }

    /** Captured output that tells when the simulator says where it listens. */
    private static final class Output extends ByteArrayOutputStream {
        private static final Pattern LISTENING = Pattern.compile("listening on udp 127\\.0\\.0\\.1:(\\d+)");
        final CompletableFuture<Integer> port = new CompletableFuture<>();

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            super.write(b, off, len);
            Matcher m = LISTENING.matcher(toString(StandardCharsets.UTF_8));
            if (m.find()) {
                port.complete(Integer.parseInt(m.group(1)));
            }
        }
    }

    @Test
    void printsThePlanAndOneLinePerCall() throws Exception {
        PrintStream oldOut = System.out;
        Output out = new Output();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try (SipStack caller = SipStack.start(StackSettings.defaults())) {
            CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(
                    () -> Main.run("sim", "--port", "0", "--stop-after", "2s"));
            int port = out.port.get(10, TimeUnit.SECONDS);
            Endpoint sim = Endpoint.of(Transport.UDP, new InetSocketAddress("127.0.0.1", port));
            CompletableFuture<CallEvent> outcome = new CompletableFuture<>();
            caller.userAgent().invite(InviteRequest.to("sip:+12025550486@127.0.0.1:" + port, "sip:a@127.0.0.1", sim),
                    event -> {
                        if (!(event instanceof CallEvent.Provisional)) {
                            outcome.complete(event);
                        }
                    });
            assertThat(outcome.get(10, TimeUnit.SECONDS)).isInstanceOf(CallEvent.Rejected.class);
            assertThat(exit.get(10, TimeUnit.SECONDS)).isZero();
        } finally {
            System.setOut(oldOut);
        }
        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(text).contains("The last 4 digits RCCC").contains("x181");
        assertThat(text).containsPattern("\\+12025550486 +reject 486 Busy Here after 0 s +-> 486 Busy Here, rejected");
    }
}
