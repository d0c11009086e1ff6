package io.dialer.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The number plan of docs/sim.md. Requirements checked:
 * - the last four digits RCCC choose: R the ring seconds (180 at once when
 *   above 0), CCC the behaviour; a leading '+', separators and user
 *   parameters are ignored;
 * - 200, 201, 180, 181, 183, 666 and every 300-699 code behave as listed,
 *   with standard phrases ("Unknown" for unregistered codes) and the Q.850
 *   Reason carriers send with the common rejections; 503 has Retry-After;
 *   608 has the SIP Reason saying spam;
 * - 181 carries Diversion (RFC 5806), its 480 Diversion and History-Info
 *   with cause=480 (RFC 7044, RFC 4458);
 * - anything else is 404 with a Warning explaining the plan.
 */
class NumberPlanTest {

    @Test
    void theNotInPlanWarningCarriesNoWordThatReadsAsSpamEvidence() {
        // A dialer reads spam / robocall / fraud in a Warning as a spam block (design.md §4):
        // the plan summary must not turn a plain 404 into marked_as_spam.
        String warning = NumberPlan.behaviourFor("+12025550999").finalHeader("Warning");
        assertThat(warning.toLowerCase(java.util.Locale.ROOT)).doesNotContain("spam").doesNotContain("robocall")
                .doesNotContain("fraud");
    }

    @Test
    void codes914And915PlaySpecialInformationTonesInEarlyMedia() {
        Behaviour vacant = NumberPlan.behaviourFor("+12025550914");
        assertThat(vacant.kind()).isEqualTo(Behaviour.Kind.EARLY_SIT);
        assertThat(vacant.finalPhrase()).isEqualTo("VC");
        assertThat(NumberPlan.behaviourFor("+12025550915").finalPhrase()).isEqualTo("NC");
        assertThat(NumberPlan.behaviourFor("+12025550915").description()).contains("no-circuit");
    }

    @Test
    void code200AnswersAfterTheRingTimeAndTheCalleeHangsUp() {
        Behaviour b = NumberPlan.behaviourFor("+12025553200");
        assertThat(b.kind()).isEqualTo(Behaviour.Kind.ANSWER_THEN_HANG_UP);
        assertThat(b.ring()).isEqualTo(Duration.ofSeconds(3));
        assertThat(b.ringingAtOnce()).isTrue();
        assertThat(b.finalStatus()).isEqualTo(200);
        assertThat(b.finalHeaders()).isEmpty();
    }

    @Test
    void ringTimeZeroSendsNoRinging() {
        Behaviour b = NumberPlan.behaviourFor("+12025550200");
        assertThat(b.ring()).isZero();
        assertThat(b.ringingAtOnce()).isFalse();
    }

    @Test
    void code201AnswersAndWaitsForTheCaller() {
        Behaviour b = NumberPlan.behaviourFor("12025552201");
        assertThat(b.kind()).isEqualTo(Behaviour.Kind.ANSWER_THEN_WAIT);
        assertThat(b.ring()).isEqualTo(Duration.ofSeconds(2));
        assertThat(b.finalStatus()).isEqualTo(200);
    }

    @ParameterizedTest
    @ValueSource(strings = {"+12025550180", "+12025559180"})
    void code180RingsForeverWhateverTheRingDigit(String number) {
        Behaviour b = NumberPlan.behaviourFor(number);
        assertThat(b.kind()).isEqualTo(Behaviour.Kind.RING_FOREVER);
        assertThat(b.ringingAtOnce()).isTrue();
        assertThat(b.finalStatus()).isZero();
    }

    @Test
    void code181ForwardsWithDiversionThenFailsWith480AndHistoryInfo() {
        Behaviour b = NumberPlan.behaviourFor("+12025554181");
        assertThat(b.kind()).isEqualTo(Behaviour.Kind.FORWARD_THEN_UNAVAILABLE);
        assertThat(b.ring()).isEqualTo(Duration.ofSeconds(4));
        assertThat(b.ringingAtOnce()).as("180 goes out at once even before the 181").isTrue();
        assertThat(b.provisionalHeaders()).containsExactly(
                new HeaderField("Diversion", "<sip:+12025554181@sim>;reason=no-answer;counter=1"));
        assertThat(b.finalStatus()).isEqualTo(480);
        assertThat(b.finalPhrase()).isEqualTo("Temporarily Unavailable");
        assertThat(b.finalHeader("Diversion")).isEqualTo("<sip:+12025554181@sim>;reason=no-answer;counter=1");
        assertThat(b.finalHeader("History-Info")).contains("index=1.1").contains(";cause=480");
        assertThat(b.finalHeader("Reason")).isEqualTo("Q.850;cause=19;text=\"No answer from user (user alerted)\"");
    }

    @Test
    void code183SendsEarlyMediaThenAnswers() {
        Behaviour b = NumberPlan.behaviourFor("+12025551183");
        assertThat(b.kind()).isEqualTo(Behaviour.Kind.EARLY_MEDIA_THEN_ANSWER);
        assertThat(b.ring()).isEqualTo(Duration.ofSeconds(1));
        assertThat(b.ringingAtOnce()).as("183 takes the place of 180").isFalse();
        assertThat(b.finalStatus()).isEqualTo(200);
    }

    @Test
    void code607IsUnwanted() {
        Behaviour b = NumberPlan.behaviourFor("+12025550607");
        assertThat(b.kind()).isEqualTo(Behaviour.Kind.REJECT);
        assertThat(b.finalStatus()).isEqualTo(607);
        assertThat(b.finalPhrase()).isEqualTo("Unwanted");
    }

    @Test
    void code608IsRejectedWithASpamReason() {
        Behaviour b = NumberPlan.behaviourFor("+12025550608");
        assertThat(b.finalStatus()).isEqualTo(608);
        assertThat(b.finalPhrase()).isEqualTo("Rejected");
        assertThat(b.finalHeader("Reason")).isEqualTo("SIP;cause=608;text=\"Spam suspected\"");
    }

    @Test
    void code666IsADeclineWhosePhraseSaysSpam() {
        Behaviour b = NumberPlan.behaviourFor("+12025552666");
        assertThat(b.kind()).isEqualTo(Behaviour.Kind.REJECT);
        assertThat(b.finalStatus()).isEqualTo(603);
        assertThat(b.finalPhrase()).isEqualTo("Decline - Suspected Spam");
        assertThat(b.finalHeaders()).isEmpty();
        assertThat(b.ring()).isEqualTo(Duration.ofSeconds(2));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "404|Not Found|Q.850;cause=1;text=\"Unallocated (unassigned) number\"",
        "403|Forbidden|Q.850;cause=21;text=\"Call rejected\"",
        "408|Request Timeout|Q.850;cause=18;text=\"No user responding\"",
        "480|Temporarily Unavailable|Q.850;cause=19;text=\"No answer from user (user alerted)\"",
        "484|Address Incomplete|Q.850;cause=28;text=\"Invalid number format (address incomplete)\"",
        "486|Busy Here|Q.850;cause=17;text=\"User busy\"",
        "503|Service Unavailable|Q.850;cause=34;text=\"No circuit/channel available\"",
        "600|Busy Everywhere|Q.850;cause=17;text=\"User busy\"",
        "603|Decline|Q.850;cause=21;text=\"Call rejected\"",
        "604|Does Not Exist Anywhere|Q.850;cause=1;text=\"Unallocated (unassigned) number\"",
        "502|Bad Gateway|Q.850;cause=38;text=\"Network out of order\"",
        "504|Server Time-out|Q.850;cause=102;text=\"Recovery on timer expiry\"",
    })
    void commonRejectionsCarryTheirQ850Cause(int code, String phrase, String reason) {
        Behaviour b = NumberPlan.behaviourFor("+1202555" + "1" + code);
        assertThat(b.kind()).isEqualTo(Behaviour.Kind.REJECT);
        assertThat(b.finalStatus()).isEqualTo(code);
        assertThat(b.finalPhrase()).isEqualTo(phrase);
        assertThat(b.finalHeader("Reason")).isEqualTo(reason);
        assertThat(b.ring()).isEqualTo(Duration.ofSeconds(1));
        assertThat(b.ringingAtOnce()).isTrue();
        assertThat(b.description()).isEqualTo("reject " + code + " " + phrase + " after 1 s");
    }

    @Test
    void code503SaysWhenToRetry() {
        assertThat(NumberPlan.behaviourFor("+12025550503").finalHeader("Retry-After")).isEqualTo("30");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "300|Multiple Choices", "302|Moved Temporarily", "400|Bad Request", "410|Gone", "487|Request Terminated",
        "488|Not Acceptable Here", "500|Server Internal Error", "606|Not Acceptable", "380|Alternative Service",
        "499|Unknown", "555|Push Notification Service Not Supported", "699|Unknown"})
    void everyOtherCodeFrom300To699IsThatRejection(int code, String phrase) {
        Behaviour b = NumberPlan.behaviourFor("+1202555" + "0" + code);
        assertThat(b.kind()).isEqualTo(Behaviour.Kind.REJECT);
        assertThat(b.finalStatus()).isEqualTo(code);
        assertThat(b.finalPhrase()).isEqualTo(phrase);
        assertThat(b.ring()).isZero();
        assertThat(b.ringingAtOnce()).isFalse();
    }

    @Test
    void rejectionsWithoutACommonCauseHaveNoReason() {
        assertThat(NumberPlan.behaviourFor("+12025550488").finalHeader("Reason")).isNull();
        assertThat(NumberPlan.behaviourFor("+12025550607").finalHeader("Reason")).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "123", "+", "alice", "+12025550999", "+12025550199", "+12025550100",
        "+12025550202", "+12025550700", "+12025550299"})
    void numbersOutsideThePlanGet404WithAWarning(String number) {
        Behaviour b = NumberPlan.behaviourFor(number);
        assertThat(b.kind()).isEqualTo(Behaviour.Kind.NOT_IN_PLAN);
        assertThat(b.finalStatus()).isEqualTo(404);
        assertThat(b.finalPhrase()).isEqualTo("Not Found");
        assertThat(b.ring()).isZero();
        assertThat(b.finalHeader("Warning")).startsWith("399 dialer-sim \"").contains("number plan: last 4 digits RCCC");
    }

    @Test
    void nullUserPartIsOutsideThePlan() {
        assertThat(NumberPlan.behaviourFor(null).kind()).isEqualTo(Behaviour.Kind.NOT_IN_PLAN);
    }

    @Test
    void onlyTheDigitsOfTheUserPartCount() {
        assertThat(NumberPlan.behaviourFor("+1-202-555-0486").finalStatus()).isEqualTo(486);
        assertThat(NumberPlan.behaviourFor("2025550486;npdi;rn=2025550000").finalStatus()).isEqualTo(486);
        assertThat(NumberPlan.behaviourFor("0486").finalStatus()).isEqualTo(486);
    }

    @Test
    void theSameNumberAlwaysGetsTheSameBehaviour() {
        assertThat(NumberPlan.behaviourFor("+12025551181")).isEqualTo(NumberPlan.behaviourFor("+12025551181"));
    }
}
