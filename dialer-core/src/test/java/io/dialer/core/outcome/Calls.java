package io.dialer.core.outcome;

import static org.assertj.core.api.Assertions.assertThat;

import gov.nist.javax.sip.message.SIPResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Builds {@link CallEvidence} for the tests: times in seconds after dialing, peer udp 127.0.0.1:5062. */
final class Calls {

    static final Instant DIALING_AT = Instant.parse("2026-01-28T18:45:11.000Z");
    static final String PEER = "udp 127.0.0.1:5062";

    private Double ringingAt;
    private Double answeredAt;
    private double endedAt = 0.3;
    private final List<CallEvidence.TimedResponse> provisionals = new ArrayList<>();
    private String peer = PEER;
    private boolean credentials;
    private CallEvidence.Settings settings = CallEvidence.Settings.defaults();

    static Calls call() {
        return new Calls();
    }

    /** A 180 Ringing at {@code seconds}, which also sets ringingAt. */
    Calls rang(double seconds) {
        return provisional(SipText.response(180, "Ringing"), seconds);
    }

    /** Any provisional at {@code seconds}; the first 18x sets ringingAt. */
    Calls provisional(SIPResponse response, double seconds) {
        provisionals.add(new CallEvidence.TimedResponse(response, millis(seconds)));
        if (ringingAt == null && response.getStatusCode() >= 180) {
            ringingAt = seconds;
        }
        return this;
    }

    Calls answered(double seconds) {
        answeredAt = seconds;
        return this;
    }

    Calls ended(double seconds) {
        endedAt = seconds;
        return this;
    }

    Calls peer(String peer) {
        this.peer = peer;
        return this;
    }

    Calls credentials(boolean configured) {
        credentials = configured;
        return this;
    }

    Calls minRing(Optional<Duration> minRing) {
        settings = new CallEvidence.Settings(settings.ringTimeout(), minRing);
        return this;
    }

    Calls ringTimeout(Duration ringTimeout) {
        settings = new CallEvidence.Settings(ringTimeout, settings.preconnectMinRing());
        return this;
    }

    CallEvidence ending(CallEvidence.Ending ending) {
        return new CallEvidence(DIALING_AT, at(ringingAt), at(answeredAt), at(endedAt), provisionals, peer,
                credentials, settings, ending);
    }

    /** Classifies and checks what must hold for every outcome: a status matching the reason, plain text. */
    Outcome classify(CallEvidence.Ending ending) {
        Outcome outcome = new OutcomeClassifier().classify(ending(ending));
        assertThat(outcome.status()).isEqualTo(outcome.reason().status());
        assertThat(outcome.explanation()).isNotBlank().doesNotContain("null").doesNotContainIgnoringCase("undefined")
                .endsWith(".");
        return outcome;
    }

    Outcome rejectedWith(SIPResponse response) {
        return classify(new CallEvidence.Rejected(response));
    }

    private static Instant at(Double seconds) {
        return seconds == null ? null : DIALING_AT.plus(millis(seconds));
    }

    private static Duration millis(double seconds) {
        return Duration.ofMillis(Math.round(seconds * 1000));
    }
}
