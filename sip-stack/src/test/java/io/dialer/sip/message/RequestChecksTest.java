package io.dialer.sip.message;

import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import io.dialer.sip.message.DecodeResult.Decoded;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The RFC 3261 §8.2 UAS checks, one rule at a time, and the responses they build. */
class RequestChecksTest {

    private final MessageDecoder decoder = new MessageDecoder(MessageLimits.DEFAULTS, "127.0.0.1");
    private final RequestChecks checks = new RequestChecks(UasPolicy.dialerDefaults());

    @Test
    void typicalInvitePasses() {
        assertThat(checks.check(request(SipSamples.INVITE))).isEmpty();
    }

    @Test
    void unknownMethodGets405WithAllow() {
        SIPRequest subscribe = request(SipSamples.INVITE.replace("INVITE sip:", "SUBSCRIBE sip:")
                .replace("CSeq: 1 INVITE", "CSeq: 1 SUBSCRIBE"));
        RequestChecks.Rejection r = checks.check(subscribe).orElseThrow();
        assertThat(r.status()).isEqualTo(405);
        SIPResponse response = r.toResponse(subscribe);
        assertThat(response.getReasonPhrase()).isEqualTo("Method Not Allowed");
        assertThat(response.encode()).contains("Allow: ").contains("INVITE").contains("BYE").contains("REFER");
        assertThat(response.getTo().getTag()).isNotBlank();
    }

    @Test
    void telUriIsAccepted() {
        SIPRequest tel = request(SipSamples.INVITE.replace("INVITE sip:+15557654321@127.0.0.1:5062;transport=udp",
                "INVITE tel:+15557654321"));
        assertThat(checks.check(tel)).isEmpty();
    }

    @Test
    void maxForwardsZeroIsAnsweredWith483OnlyForElsewhere() {
        String zero = SipSamples.INVITE.replace("Max-Forwards: 70", "Max-Forwards: 0");
        assertThat(checks.check(request(zero))).isEmpty();
        RequestChecks notOurs = new RequestChecks(UasPolicy.dialerDefaults().withAddressedToUs(r -> false));
        assertThat(notOurs.check(request(zero))).map(RequestChecks.Rejection::status).contains(483);
        assertThat(notOurs.check(request(SipSamples.INVITE))).isEmpty();
    }

    @Test
    void requireIsIgnoredOnCancelAndAckIsNeverRefused() {
        String cancel = "CANCEL sip:a@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1;branch=z9hG4bK1\r\n"
                + "From: <sip:b@127.0.0.1>;tag=1\r\nTo: <sip:a@127.0.0.1>\r\nCall-ID: c\r\nCSeq: 1 CANCEL\r\n"
                + "Require: 100rel\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n";
        assertThat(checks.check(request(cancel))).isEmpty();
        RequestChecks onlyInvite = new RequestChecks(UasPolicy.dialerDefaults().withAllowedMethods(Set.of("INVITE")));
        String ack = cancel.replace("CANCEL", "ACK");
        assertThat(onlyInvite.check(request(ack))).isEmpty();
        String bye = cancel.replace("CANCEL", "BYE");
        assertThat(checks.check(request(bye))).map(RequestChecks.Rejection::status).contains(420);
    }

    @Test
    void supportedOptionTagPasses() {
        UasPolicy p = UasPolicy.dialerDefaults();
        RequestChecks with100rel = new RequestChecks(new UasPolicy(p.allowedMethods(), Set.of("100rel"),
                p.acceptedBodyTypes(), p.acceptedEncodings(), p.answerBodyTypes(), p.addressedToUs()));
        SIPRequest invite = request(SipSamples.INVITE.replace("Min-SE: 90\r\n", "Min-SE: 90\r\nRequire: 100rel\r\n"));
        assertThat(with100rel.check(invite)).isEmpty();
        Optional<RequestChecks.Rejection> r = checks.check(invite);
        assertThat(r).map(RequestChecks.Rejection::status).contains(420);
        assertThat(r.get().toResponse(invite).encode()).contains("Unsupported: 100rel");
    }

    @Test
    void unknownContentEncodingGets415WithAcceptEncoding() {
        SIPRequest gz = request(SipSamples.INVITE.replace("Content-Type: application/sdp\r\n",
                "Content-Type: application/sdp\r\nContent-Encoding: gzip\r\n"));
        RequestChecks.Rejection r = checks.check(gz).orElseThrow();
        assertThat(r.status()).isEqualTo(415);
        assertThat(r.toResponse(gz).encode()).contains("Accept-Encoding: identity");
    }

    @Test
    void acceptWithWildcardAllowsSdp() {
        SIPRequest any = request(SipSamples.INVITE.replace("Min-SE: 90\r\n", "Min-SE: 90\r\nAccept: application/*\r\n"));
        assertThat(checks.check(any)).isEmpty();
    }

    @Test
    void responsesCreateAddsToTagExceptOn100() {
        SIPRequest invite = request(SipSamples.INVITE);
        assertThat(Responses.create(invite, 100, "Trying").getTo().getTag()).isNull();
        SIPResponse ringing = Responses.create(invite, 180, "Ringing");
        assertThat(ringing.getTo().getTag()).isNotBlank();
        assertThat(ringing.getCallId().getCallId()).isEqualTo(invite.getCallId().getCallId());
        assertThat(ringing.getTopmostVia().getBranch()).isEqualTo(invite.getTopmostVia().getBranch());
        assertThat(Responses.create(invite, 486, "Busy Here").getTo().getTag()).isNotEqualTo(ringing.getTo().getTag());
    }

    private SIPRequest request(String text) {
        DecodeResult result = decoder.decode(text.getBytes(StandardCharsets.ISO_8859_1), false);
        assertThat(result).as("%s", result).isInstanceOf(Decoded.class);
        return (SIPRequest) ((Decoded) result).message();
    }
}
