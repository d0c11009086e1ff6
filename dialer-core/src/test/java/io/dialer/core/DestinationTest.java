package io.dialer.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** E.164 validation before any INVITE (issue 4 item 5): the message says what is wrong. */
class DestinationTest {

    @Test
    void validNumbersAreNormalisedToE164() {
        assertThat(Destination.parse("+12025550486", "US")).isEqualTo(new Destination("+12025550486", false));
        assertThat(Destination.parse("2025550486", "US").text()).isEqualTo("+12025550486");
        assertThat(Destination.parse("(202)555-0486", "US").text()).isEqualTo("+12025550486");
        assertThat(Destination.parse("015112345678", "DE").text()).isEqualTo("+4915112345678");
    }

    @Test
    void sipUrisAreAcceptedAsIs() {
        assertThat(Destination.parse("sip:alice@127.0.0.1:5070", "US"))
                .isEqualTo(new Destination("sip:alice@127.0.0.1:5070", true));
    }

    @Test
    void spacesLettersAndLengthAreNamed() {
        assertThatThrownBy(() -> Destination.parse("+1 202 555 0486", "US")).hasMessageContaining("contains spaces");
        assertThatThrownBy(() -> Destination.parse("+1202CALLNOW", "US")).hasMessageContaining("contains letters");
        assertThatThrownBy(() -> Destination.parse("+120255504", "US")).hasMessageContaining("too short")
                .hasMessageContaining("United States");
        assertThatThrownBy(() -> Destination.parse("+120255504861234", "US")).hasMessageContaining("too long");
        assertThatThrownBy(() -> Destination.parse("+15551234567", "US")).hasMessageContaining("not a valid number");
        assertThatThrownBy(() -> Destination.parse("12#4", "US")).hasMessageContaining("characters other than digits");
        assertThatThrownBy(() -> Destination.parse("", "US")).hasMessageContaining("empty");
        assertThatThrownBy(() -> Destination.parse("sip:", "US")).isInstanceOf(Destination.InvalidDestinationException.class);
    }

    @Test
    void callerIdMustBeANumberOrAPlainUser() {
        assertThat(CallerId.parse("2025550100", "US").user()).isEqualTo("+12025550100");
        assertThat(CallerId.parse("dialer", "US").user()).isEqualTo("dialer");
        assertThatThrownBy(() -> CallerId.parse("+1555123", "US")).hasMessageContaining("not a valid phone number");
        assertThatThrownBy(() -> CallerId.parse("a b", "US")).hasMessageContaining("plain SIP user name");
        assertThat(CallerId.parse("+12025550100", "US").headers("trunk.example.com", new CallerIdPolicy(true, true)))
                .containsEntry("P-Asserted-Identity", "<sip:+12025550100@trunk.example.com>")
                .containsEntry("Privacy", "id");
        assertThat(CallerId.parse("+12025550100", "US").headers("t", new CallerIdPolicy(false, false))).isEmpty();
    }

    @Test
    void trunkUrisAreParsedOrRefusedWithTheReason() {
        TrunkAddress a = TrunkAddress.parse("sip:trunk.example.com;transport=tls", null);
        assertThat(a.host()).isEqualTo("trunk.example.com");
        assertThat(a.transport()).isEqualTo(io.dialer.sip.transport.Transport.TLS);
        assertThat(a.literalEndpoints()).isEmpty();
        TrunkAddress b = TrunkAddress.parse("127.0.0.1:5062", null);
        assertThat(b.literalEndpoints()).hasSize(1);
        assertThat(b.hostPort()).isEqualTo("127.0.0.1:5062");
        assertThat(TrunkAddress.parse("sip:[::1]:5070", null).hostPort()).isEqualTo("[::1]:5070");
        assertThatThrownBy(() -> TrunkAddress.parse("sip:trunk example.com", null)).hasMessageContaining("space");
        assertThatThrownBy(() -> TrunkAddress.parse("sip:t.example.com;transport=sctp", null))
                .hasMessageContaining("unknown transport 'sctp'");
        assertThatThrownBy(() -> TrunkAddress.parse("http://x", null)).hasMessageContaining("not a SIP URI");
        assertThatThrownBy(() -> TrunkAddress.parse("sips:t.example.com;transport=udp", null)).hasMessageContaining("needs TLS");
    }
}
