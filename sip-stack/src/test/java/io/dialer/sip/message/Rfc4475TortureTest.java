package io.dialer.sip.message;

import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import io.dialer.sip.message.DecodeResult.Decoded;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * All 49 messages of RFC 4475 §3 (files in {@code rfc4475/}, see its README),
 * each decoded as a UDP datagram, with the answer the RFC names:
 * <ul>
 *   <li>§3.1.1: valid messages decode unmodified;</li>
 *   <li>§3.1.2: invalid messages get 400 (505 for badvers), responses are dropped;</li>
 *   <li>§3.2–§3.4: messages decode and the UAS checks of RFC 3261 §8.2
 *       ({@link RequestChecks}) give the RFC's response, or let them through.</li>
 * </ul>
 * The UAS is the element the RFC has in mind: it also registers (REGISTER
 * allowed) and example.com is its domain (so zeromf is addressed to it).
 */
class Rfc4475TortureTest {

    /** What must happen to a message. */
    enum Outcome {
        /** Decoded; no UAS checks apply (§3.1.1 and responses). */
        DECODED,
        /** Decoded, and the UAS checks let the request through. */
        ACCEPTED,
        /** Decoded, and the UAS checks answer with the status. */
        CHECK_FAILS,
        /** Rejected by the decoder with a ready response carrying the status. */
        REJECTED,
        /** Rejected by the decoder with the status, but no response can be built. */
        REJECTED_UNANSWERABLE,
        /** A bad response: dropped, never answered. */
        DROPPED
    }

    static Stream<Arguments> messages() {
        return Stream.of(
                // §3.1.1 Valid Messages
                row("wsinv", "3.1.1.1", Outcome.DECODED, 0),
                row("intmeth", "3.1.1.2", Outcome.DECODED, 0),
                row("esc01", "3.1.1.3", Outcome.DECODED, 0),
                row("escnull", "3.1.1.4", Outcome.DECODED, 0),
                row("esc02", "3.1.1.5", Outcome.DECODED, 0),
                row("lwsdisp", "3.1.1.6", Outcome.DECODED, 0),
                row("longreq", "3.1.1.7", Outcome.DECODED, 0),
                row("dblreq", "3.1.1.8", Outcome.DECODED, 0),
                row("semiuri", "3.1.1.9", Outcome.DECODED, 0),
                row("transports", "3.1.1.10", Outcome.DECODED, 0),
                row("mpart01", "3.1.1.11", Outcome.DECODED, 0),
                row("unreason", "3.1.1.12", Outcome.DECODED, 0),
                row("noreason", "3.1.1.13", Outcome.DECODED, 0),
                // §3.1.2 Invalid Messages
                row("badinv01", "3.1.2.1", Outcome.REJECTED, 400),
                row("clerr", "3.1.2.2", Outcome.REJECTED, 400),
                row("ncl", "3.1.2.3", Outcome.REJECTED, 400),
                row("scalar02", "3.1.2.4", Outcome.REJECTED, 400),
                row("scalarlg", "3.1.2.5", Outcome.DROPPED, 0),
                row("quotbal", "3.1.2.6", Outcome.REJECTED, 400),
                row("ltgtruri", "3.1.2.7", Outcome.REJECTED, 400),
                row("lwsruri", "3.1.2.8", Outcome.REJECTED, 400),
                row("lwsstart", "3.1.2.9", Outcome.REJECTED, 400),
                row("trws", "3.1.2.10", Outcome.REJECTED, 400),
                // §3.1.2.11-13: the RFC allows 400 or ignoring the fault; we reject.
                row("escruri", "3.1.2.11", Outcome.REJECTED, 400),
                row("baddate", "3.1.2.12", Outcome.REJECTED, 400),
                row("regbadct", "3.1.2.13", Outcome.REJECTED, 400),
                row("badaspec", "3.1.2.14", Outcome.REJECTED, 400),
                row("baddn", "3.1.2.15", Outcome.REJECTED, 400),
                row("badvers", "3.1.2.16", Outcome.REJECTED, 505),
                row("mismatch01", "3.1.2.17", Outcome.REJECTED, 400),
                // §3.1.2.18: 501 is preferred, 400 acceptable; the decoder answers 400.
                row("mismatch02", "3.1.2.18", Outcome.REJECTED, 400),
                row("bigcode", "3.1.2.19", Outcome.DROPPED, 0),
                // §3.2 Transaction Layer Semantics: reject rather than fall back to RFC 2543 matching.
                row("badbranch", "3.2.1", Outcome.CHECK_FAILS, 400),
                // §3.3 Application-Layer Semantics
                row("insuf", "3.3.1", Outcome.REJECTED_UNANSWERABLE, 400),
                row("unkscm", "3.3.2", Outcome.CHECK_FAILS, 416),
                row("novelsc", "3.3.3", Outcome.CHECK_FAILS, 416),
                // §3.3.4: the unknown schemes are only in To/From/Contact; parsing must not fail.
                row("unksm2", "3.3.4", Outcome.ACCEPTED, 0),
                row("bext01", "3.3.5", Outcome.CHECK_FAILS, 420),
                row("invut", "3.3.6", Outcome.CHECK_FAILS, 415),
                // §3.3.7: the unknown Authorization scheme is for the auth layer, which challenges with 401.
                row("regaut01", "3.3.7", Outcome.ACCEPTED, 0),
                row("multi01", "3.3.8", Outcome.REJECTED, 400),
                row("mcl01", "3.3.9", Outcome.REJECTED, 400),
                row("bcast", "3.3.10", Outcome.DECODED, 0),
                // §3.3.11: an endpoint processes Max-Forwards 0 normally; only a forwarder answers 483.
                row("zeromf", "3.3.11", Outcome.ACCEPTED, 0),
                row("cparam01", "3.3.12", Outcome.ACCEPTED, 0),
                row("cparam02", "3.3.13", Outcome.ACCEPTED, 0),
                row("regescrt", "3.3.14", Outcome.ACCEPTED, 0),
                row("sdp01", "3.3.15", Outcome.CHECK_FAILS, 406),
                // §3.4 Backward Compatibility
                row("inv2543", "3.4.1", Outcome.ACCEPTED, 0));
    }

    private static Arguments row(String name, String section, Outcome outcome, int status) {
        return Arguments.of(name, section, outcome, status);
    }

    /**
     * Messages whose fault is in a header RFC 3261 §8.2.6.2 makes the 400 copy
     * (Via, From, To, CSeq): the answer carries the fault back, so it does not decode itself.
     */
    private static final Set<String> FAULT_IN_COPIED_HEADER = Set.of("badinv01", "scalar02", "quotbal", "badaspec", "baddn");

    private final MessageDecoder decoder = new MessageDecoder(MessageLimits.DEFAULTS, "uas.example.com");
    private final RequestChecks checks = new RequestChecks(UasPolicy.dialerDefaults()
            .withAllowedMethods(Set.of("INVITE", "ACK", "BYE", "CANCEL", "OPTIONS", "REGISTER"))
            .withAddressedToUs(r -> r.getRequestURI().toString().endsWith("@example.com")));
    private final MessageEncoder encoder = new MessageEncoder();

    @ParameterizedTest(name = "§{1} {0}: {2} {3}")
    @MethodSource("messages")
    void getsTheAnswerTheRfcNames(String name, String section, Outcome outcome, int status) throws IOException {
        byte[] bytes = load("rfc4475/" + name + ".dat");
        DecodeResult result = decoder.decode(bytes, false);

        switch (outcome) {
            case DECODED -> {
                Decoded decoded = assertDecoded(name, result);
                assertReencodes(decoded);
            }
            case ACCEPTED -> {
                Decoded decoded = assertDecoded(name, result);
                assertThat(checks.check((SIPRequest) decoded.message()))
                        .as("%s: UAS checks", name).isEmpty();
            }
            case CHECK_FAILS -> {
                Decoded decoded = assertDecoded(name, result);
                SIPRequest request = (SIPRequest) decoded.message();
                Optional<RequestChecks.Rejection> rejection = checks.check(request);
                assertThat(rejection).as("%s: UAS checks", name).isPresent();
                assertThat(rejection.get().status()).as("%s: %s", name, rejection.get().explanation()).isEqualTo(status);
                SIPResponse response = rejection.get().toResponse(request);
                assertThat(response.getStatusCode()).isEqualTo(status);
                assertThat(response.getTo().getTag()).isNotBlank();
            }
            case REJECTED -> {
                DecodeResult.Rejected rejected = assertRejected(name, result, status);
                assertThat(rejected.dropped()).as("%s has a response", name).isFalse();
                String response = new String(rejected.response(), StandardCharsets.ISO_8859_1);
                assertThat(response).startsWith("SIP/2.0 " + status + " ").contains("\r\nWarning: 399 uas.example.com \"");
                if (!FAULT_IN_COPIED_HEADER.contains(name)) {
                    DecodeResult again = decoder.decode(rejected.response(), false);
                    assertThat(again).as("%s: our %d must itself decode:%n%s", name, status, response)
                            .isInstanceOf(Decoded.class);
                    assertThat(((SIPResponse) ((Decoded) again).message()).getTo().getTag()).isNotBlank();
                }
            }
            case REJECTED_UNANSWERABLE -> {
                DecodeResult.Rejected rejected = assertRejected(name, result, status);
                assertThat(rejected.dropped()).isTrue();
            }
            case DROPPED -> {
                DecodeResult.Rejected rejected = assertRejected(name, result, 0);
                assertThat(rejected.dropped()).isTrue();
            }
        }
    }

    @Test
    void everyMessageHasAnExpectation() throws IOException {
        Set<String> names = new HashSet<>();
        messages().forEach(a -> names.add((String) a.get()[0]));
        assertThat(names).hasSize(49);
        for (String name : names) {
            assertThat(load("rfc4475/" + name + ".dat")).isNotEmpty();
        }
    }

    @Test
    void shortTortuousInviteKeepsItsMeaning() throws IOException {
        Decoded d = (Decoded) decoder.decode(load("rfc4475/wsinv.dat"), false);
        SIPRequest request = (SIPRequest) d.message();
        assertThat(d.frame().topViaBranch()).isEqualTo("390skdjuw");
        assertThat(d.frame().topViaSentBy()).isEqualTo("192.0.2.2");
        assertThat(d.frame().toTag()).isEqualTo("1918181833n");
        assertThat(d.frame().fromTag()).isEqualTo("98asjd8");
        assertThat(d.frame().cseqNumber()).isEqualTo(9);
        assertThat(d.frame().cseqMethod()).isEqualTo("INVITE");
        assertThat(request.getMaxForwards().getMaxForwards()).isEqualTo(68);
        assertThat(request.getRawContent()).hasSize(150);
        // RFC 3261 §7.3.1: the fold is one SP, not nothing.
        assertThat(request.getHeader("NewFangledHeader").toString())
                .contains("newfangled value continued newfangled value");
        assertThat(request.getTopmostVia().getBranch()).isEqualTo("390skdjuw");
    }

    @Test
    void controlBytesInQuotedPairsSurviveIntoResponses() throws IOException {
        // RFC 4475 §3.1.1.2: BEL, NUL and DEL as quoted-pairs; jain-sip alone drops BEL and NUL.
        Decoded d = (Decoded) decoder.decode(load("rfc4475/intmeth.dat"), false);
        byte[] ok = encoder.encode(Responses.create((SIPRequest) d.message(), 200, "OK"));
        assertThat(new String(ok, StandardCharsets.ISO_8859_1)).contains("\"BEL:\\\u0007 NUL:\\\u0000 DEL:\\\u007f\"");
        assertThat(decoder.decode(ok, false)).isInstanceOf(Decoded.class);
    }

    @Test
    void datagramWithoutContentLengthKeepsItsBody() throws IOException {
        // RFC 4475 §3.4.1 / RFC 3261 §18.3: on UDP the body is the rest of the datagram.
        Decoded d = (Decoded) decoder.decode(load("rfc4475/inv2543.dat"), false);
        assertThat(d.frame().contentLength()).isEqualTo(-1);
        assertThat(new String(d.message().getRawContent(), StandardCharsets.US_ASCII))
                .startsWith("v=0\r\n").endsWith("m=audio 49217 RTP/AVP 0\r\n");
    }

    @Test
    void extraOctetsInADatagramAreIgnored() throws IOException {
        // RFC 4475 §3.1.1.8: the INVITE after the REGISTER's Content-Length is not part of it.
        Decoded d = (Decoded) decoder.decode(load("rfc4475/dblreq.dat"), false);
        assertThat(((SIPRequest) d.message()).getMethod()).isEqualTo("REGISTER");
        assertThat(d.frame().bodyLength()).isZero();
    }

    @Test
    void badVersionIsAnsweredWith505NamingTheVersion() throws IOException {
        DecodeResult.Rejected r = (DecodeResult.Rejected) decoder.decode(load("rfc4475/badvers.dat"), false);
        assertThat(r.status()).isEqualTo(505);
        assertThat(r.reason()).contains("SIP/7.0");
        assertThat(r.offset()).isEqualTo("OPTIONS sip:t.watson@example.org ".length());
    }

    @Test
    void repeatedSingleValueHeaderIsNamed() throws IOException {
        DecodeResult.Rejected r = (DecodeResult.Rejected) decoder.decode(load("rfc4475/mcl01.dat"), false);
        assertThat(r.reason()).contains("Content-Length").contains("more than once");
        assertThat(r.offset()).isPositive();
    }

    private static Decoded assertDecoded(String name, DecodeResult result) {
        assertThat(result).as("%s should decode, got %s", name, result).isInstanceOf(Decoded.class);
        return (Decoded) result;
    }

    private static DecodeResult.Rejected assertRejected(String name, DecodeResult result, int status) {
        assertThat(result).as("%s should be rejected", name).isInstanceOf(DecodeResult.Rejected.class);
        DecodeResult.Rejected rejected = (DecodeResult.Rejected) result;
        assertThat(rejected.status()).as("%s: %s", name, rejected.reason()).isEqualTo(status);
        assertThat(rejected.reason()).isNotBlank();
        return rejected;
    }

    private void assertReencodes(Decoded decoded) {
        byte[] encoded = encoder.encode(decoded.message());
        assertThat(decoder.decode(encoded, false)).as("re-encoded:%n%s",
                new String(encoded, StandardCharsets.ISO_8859_1)).isInstanceOf(Decoded.class);
    }

    static byte[] load(String resource) throws IOException {
        try (InputStream in = Rfc4475TortureTest.class.getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            return in.readAllBytes();
        }
    }

}
