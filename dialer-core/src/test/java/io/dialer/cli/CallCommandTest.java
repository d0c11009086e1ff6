package io.dialer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramSocket;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;

/**
 * The {@code dialer call} contract of design.md §7. Requirements checked:
 * - bad arguments exit 2 with one line naming the flag and why;
 * - a call that runs exits 0 whatever its outcome, and says what happened:
 *   here an unreachable trunk port, reported as a transport error at once.
 */
class CallCommandTest {

    private static CliRun run(String... args) {
        return CliRun.of(args);
    }

    @Test
    void missingTrunkExits2NamingTheFlag() {
        CliRun r = run("call", "+15557654321");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--trunk");
    }

    @Test
    void badDurationExits2SayingWhy() {
        CliRun r = run("call", "+15557654321", "--trunk", "sip:127.0.0.1:5062", "--ring-timeout", "soon");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--ring-timeout").contains("'soon' is not a duration");
    }

    @Test
    void badTransportExits2() {
        CliRun r = run("call", "1", "--trunk", "sip:127.0.0.1:5062", "--transport", "sctp");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--transport").contains("sctp");
    }

    @Test
    void usernameWithoutPasswordExits2() {
        CliRun r = run("call", "1", "--trunk", "sip:127.0.0.1:5062", "--username", "alice");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--username and --password go together");
    }

    @Test
    void badCallerIdExits2() {
        CliRun r = run("call", "+12025550486", "--trunk", "sip:127.0.0.1:5062", "--from", "+1555");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--from").contains("not a valid phone number");
    }

    @Test
    void transferFlagsAreChecked() {
        CliRun r = run("call", "+12025550201", "--trunk", "sip:127.0.0.1:5062", "--transfer-to", "sip:x@example.test",
                "--transfer-mode", "blind");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--transfer-mode").contains("refer, invite or auto");
        r = run("call", "+12025550201", "--trunk", "sip:127.0.0.1:5062", "--transfer-to", "sip:x@example.test",
                "--transfer-after", "10s", "--hangup-after", "5s");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--transfer-after");
        r = run("call", "+12025550201", "--trunk", "sip:127.0.0.1:5062", "--transfer-caller-id", "boss");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--transfer-caller-id");
    }

    @Test
    void badTrunkUriExits2NamingIt() {
        CliRun r = run("call", "+12025550486", "--trunk", "sip:trunk example.com");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--trunk").contains("space");
    }

    @Test
    void unreachableTrunkIsAnOutcomeNotAnError() throws Exception {
        int closedPort;
        try (DatagramSocket probe = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            closedPort = probe.getLocalPort();
        }
        CliRun r = run("call", "+12025550486", "--trunk", "sip:127.0.0.1:" + closedPort, "--ring-timeout", "5s", "--trace");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("dialing")
                .contains("not_connected / telephony_provider_unavailable")
                .containsIgnoringCase("port unreachable")
                .contains("out INVITE sip:+12025550486@127.0.0.1:" + closedPort);
    }

    @Test
    void invalidNumberIsAnOutcomeInTheJsonRecord() throws Exception {
        CliRun r = run("call", "+1202555", "--trunk", "sip:127.0.0.1:9", "--json");
        assertThat(r.exit()).isZero();
        com.fasterxml.jackson.databind.JsonNode json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.out());
        assertThat(json.get("status").asText()).isEqualTo("not_connected");
        assertThat(json.get("disconnection_reason").asText()).isEqualTo("invalid_destination");
        assertThat(json.get("explanation").asText()).contains("too short");
        assertThat(json.get("sip_status").isNull()).isTrue();
        assertThat(json.get("sip_trace").size()).isZero();
        assertThat(json.get("ended_at").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        assertThat(json.has("voicemail")).isTrue();
        assertThat(json.get("amd").get("result").asText()).isEqualTo("unknown");
    }
}
