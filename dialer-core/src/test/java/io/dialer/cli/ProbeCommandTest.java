package io.dialer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The {@code dialer probe} command line (issue 6). Requirements checked:
 * - bad arguments exit 3 with one line naming the flag, while other commands
 *   keep exit 2 for theirs;
 * - a URI that cannot be used is the uri check failing (exit 2), saying which part;
 * - {@code --json} prints one JSON document with the summary and every check;
 * - {@code --watch} repeats (here twice, {@code --count 2}) and says where its
 *   metrics are served.
 */
class ProbeCommandTest {

    @BeforeAll
    static void startLoggingFirst() {
        // Logback prints its start-up status to stdout the first time a logger is made
        // (here: two logback-test.xml on the test classpath); let that happen before a
        // test captures stdout to parse the command's JSON.
        LoggerFactory.getLogger(ProbeCommandTest.class);
    }

    private static CliRun run(String... args) {
        return CliRun.of(args);
    }

    private static int closedUdpPort() throws Exception {
        try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Test
    void badArgumentsExit3NamingTheFlag() {
        CliRun missing = run("probe");
        assertThat(missing.exit()).isEqualTo(3);
        assertThat(missing.err()).contains("--trunk");

        CliRun transport = run("probe", "--trunk", "sip:127.0.0.1:5062", "--transport", "sctp");
        assertThat(transport.exit()).isEqualTo(3);
        assertThat(transport.err()).contains("--transport").contains("sctp");

        CliRun half = run("probe", "--trunk", "sip:127.0.0.1:5062", "--username", "alice");
        assertThat(half.exit()).isEqualTo(3);
        assertThat(half.err()).contains("--username and --password go together");

        CliRun ca = run("probe", "--trunk", "sip:127.0.0.1:5062", "--ca", "/nonexistent/ca.pem");
        assertThat(ca.exit()).isEqualTo(3);
        assertThat(ca.err()).contains("--ca /nonexistent/ca.pem is not a readable file");

        CliRun count = run("probe", "--trunk", "sip:127.0.0.1:5062", "--count", "2");
        assertThat(count.exit()).isEqualTo(3);
        assertThat(count.err()).contains("--count needs --watch");

        CliRun watch = run("probe", "--trunk", "sip:127.0.0.1:5062", "--watch", "often");
        assertThat(watch.exit()).isEqualTo(3);
        assertThat(watch.err()).contains("--watch").contains("'often' is not a duration");
    }

    @Test
    void busyMetricsPortIsABadArgument() throws Exception {
        try (java.net.ServerSocket busy = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CliRun r = run("probe", "--trunk", "sip:127.0.0.1:" + closedUdpPort(), "--watch", "1s", "--count", "1",
                    "--metrics-port", String.valueOf(busy.getLocalPort()));
            assertThat(r.exit()).isEqualTo(3);
            assertThat(r.err()).contains("--metrics-port " + busy.getLocalPort() + ": cannot listen");
        }
    }

    @Test
    void otherCommandsKeepExit2ForBadArguments() {
        CliRun r = run("call", "+15557654321");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--trunk");
    }

    @Test
    void unusableUriFailsTheUriCheckSayingWhy() {
        CliRun space = run("probe", "--trunk", "sip:trunk example.com");
        assertThat(space.out()).containsPattern("(?m)^  fail  uri +'sip:trunk example.com' contains a space");
        assertThat(space.out()).containsPattern("(?m)^  skip  dns");
        assertThat(space.exit()).isEqualTo(2);

        CliRun transport = run("probe", "--trunk", "sip:127.0.0.1:5060;transport=sctp");
        assertThat(transport.out()).containsPattern("(?m)^  fail  uri +.*unknown transport 'sctp'");
        assertThat(transport.exit()).isEqualTo(2);
    }

    @Test
    void jsonIsOneDocumentWithEveryCheck() throws Exception {
        CliRun r = run("probe", "--trunk", "sip:127.0.0.1:" + closedUdpPort(), "--json");
        assertThat(r.out()).as("stdout is only the document").startsWith("{").endsWith("}" + System.lineSeparator());
        JsonNode doc = new ObjectMapper().readTree(r.out());
        assertThat(doc.get("summary").asText()).isEqualTo("fail");
        assertThat(doc.get("exit_code").asInt()).isEqualTo(2);
        assertThat(doc.get("checks")).extracting(c -> c.get("name").asText() + "=" + c.get("verdict").asText())
                .containsExactly("uri=ok", "dns=ok", "transport=fail", "options=skip", "auth=skip", "call=skip");
        assertThat(doc.get("checks").get(2).get("next_step").asText()).contains("--transport tcp|tls");
        assertThat(r.exit()).isEqualTo(2);
    }

    @Test
    void watchRepeatsAndServesMetrics() throws Exception {
        CliRun r = run("probe", "--trunk", "sip:127.0.0.1:" + closedUdpPort(), "--watch", "100ms", "--count", "2",
                "--metrics-port", "0");
        assertThat(r.out()).containsPattern("metrics: http://127\\.0\\.0\\.1:\\d+/metrics");
        assertThat(Pattern.compile("(?m)^summary: fail").matcher(r.out()).results().count()).isEqualTo(2);
        assertThat(r.exit()).isEqualTo(2);
    }
}
