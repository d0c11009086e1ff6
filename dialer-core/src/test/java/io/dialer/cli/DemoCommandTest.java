package io.dialer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code dialer demo} as a user runs it first (issue 4 item 11): the simulator
 * in-process, 200 calls, and an outcome table with a row for every reason the
 * simulator's number plan produces, each with a count and an explanation.
 */
class DemoCommandTest {

    private static final List<String> ROWS = List.of(
            "canceled / canceled",
            "ended / agent_hangup",
            "ended / call_transfer",
            "ended / ivr_reached",
            "ended / max_duration_reached",
            "ended / user_hangup",
            "error / concurrency_limit_reached",
            "not_connected / dial_busy",
            "not_connected / dial_failed",
            "not_connected / dial_no_answer",
            "not_connected / invalid_destination",
            "not_connected / marked_as_spam",
            "not_connected / sip_routing_error",
            "not_connected / telephony_provider_permission_denied",
            "not_connected / telephony_provider_unavailable",
            "not_connected / user_declined",
            "not_connected / voicemail_preconnect");

    @Test
    void demoPrintsEveryOutcomeAndExitsZero() {
        CliRun run = CliRun.of("demo");
        String text = run.out();
        assertThat(run.exit()).as(text).isZero();
        assertThat(text).contains("200/200").contains("All 200 calls ended as the simulator's number plan says");
        for (String row : ROWS) {
            assertThat(text.lines().filter(l -> l.startsWith(row + " ")).findFirst())
                    .as("row %s in\n%s", row, text)
                    .hasValueSatisfying(l -> assertThat(l).matches(
                            java.util.regex.Pattern.quote(row) + " +[1-9][0-9]* +\\S.*\\."));
        }
        assertThat(text).doesNotContain("null").doesNotContain("undefined");
    }

    @Test
    void badCountExits2() {
        assertThat(Main.run("demo", "--calls", "1")).isEqualTo(2);
        assertThat(Main.run("demo", "--concurrency", "0")).isEqualTo(2);
    }
}
