package io.dialer.media.sdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * RFC 3264 offer/answer:
 * - our offer: PCMU, PCMA, telephone-event 101 with 0-15, ptime 20, sendrecv, our address and port;
 * - o= version grows with each changed description and stays for an identical one (§8);
 * - answers pick the first supported codec in the offerer's order and keep its PTs (§6.1);
 * - answer directions follow the §6.1 table; c=0.0.0.0 means never send (§8.4);
 * - streams we do not take are answered with port 0 (§6); nothing usable is NoCommonCodec;
 * - answers to our offer: codec, remote address/port, remote telephone-event PT, direction (§7);
 * - hold and resume (§8.4), rollback of a failed offer, and re-INVITE address changes as MediaChange.
 */
class OfferAnswerTest {

    private static final Connection US = Connection.ip4("127.0.0.1");
    private final OfferAnswer oa = new OfferAnswer(LocalMedia.g711(US, 40000), 777);

    private static SessionDescription sdp(String... lines) throws SdpException {
        return SessionDescription.parse(String.join("\r\n", lines) + "\r\n");
    }

    private static SessionDescription peer(String version, String address, int port, String formats, String... attrs)
            throws SdpException {
        StringBuilder b = new StringBuilder("v=0\r\no=peer 99 " + version + " IN IP4 " + address + "\r\ns=-\r\nc=IN IP4 "
                + address + "\r\nt=0 0\r\nm=audio " + port + " RTP/AVP " + formats + "\r\n");
        for (String a : attrs) {
            b.append("a=").append(a).append("\r\n");
        }
        return SessionDescription.parse(b.toString());
    }

    @Test
    void offerListsOurCodecsTelephoneEventAndPtime() {
        SessionDescription offer = oa.offer();
        assertThat(offer.toText()).isEqualTo(String.join("\r\n",
                "v=0", "o=- 777 1 IN IP4 127.0.0.1", "s=-", "c=IN IP4 127.0.0.1", "t=0 0",
                "m=audio 40000 RTP/AVP 0 8 101",
                "a=rtpmap:0 PCMU/8000", "a=rtpmap:8 PCMA/8000", "a=rtpmap:101 telephone-event/8000",
                "a=fmtp:101 0-15", "a=ptime:20", "a=sendrecv", ""));
        assertThat(oa.offerPending()).isTrue();
    }

    @Test
    void originVersionGrowsOnlyWhenTheDescriptionChanges() {
        assertThat(oa.offer().origin().sessionVersion()).isEqualTo(1);
        assertThat(oa.offer().origin().sessionVersion()).isEqualTo(1);
        assertThat(oa.holdOffer().origin().sessionVersion()).isEqualTo(2);
        assertThat(oa.resumeOffer().origin().sessionVersion()).isEqualTo(3);
        assertThat(oa.offer().origin().sessionId()).isEqualTo("777");
    }

    @Test
    void answerPicksTheOfferersFirstSupportedCodecAndKeepsItsTelephoneEventType() throws SdpException {
        SessionDescription offer = peer("1", "203.0.113.5", 23456, "18 8 0 96", "rtpmap:96 telephone-event/8000",
                "fmtp:96 0-15", "ptime:30");
        AnswerResult.Answered result = (AnswerResult.Answered) oa.answer(offer);
        assertThat(result.media().codec()).isEqualTo(PayloadFormat.PCMA);
        assertThat(result.media().remoteConnection()).isEqualTo(Connection.ip4("203.0.113.5"));
        assertThat(result.media().remotePort()).isEqualTo(23456);
        assertThat(result.media().remoteRtcpPort()).isEqualTo(23457);
        assertThat(result.media().telephoneEvent()).isEqualTo(OptionalInt.of(96));
        assertThat(result.media().remotePtime()).isEqualTo(30);
        assertThat(result.media().direction()).isEqualTo(Direction.SENDRECV);
        assertThat(result.change().isInitial()).isTrue();
        MediaDescription answered = result.answer().audio().orElseThrow();
        assertThat(answered.port()).isEqualTo(40000);
        assertThat(answered.formats()).extracting(PayloadFormat::payloadType).containsExactly(8, 96);
        assertThat(answered.telephoneEvent().orElseThrow().fmtp()).isEqualTo("0-15");
        assertThat(answered.direction()).isEqualTo(Direction.SENDRECV);
        assertThat(result.answer().connection()).isEqualTo(US);
    }

    @Test
    void answerListsOnlyTheDtmfEventsBothSidesHave() throws SdpException {
        AnswerResult.Answered partial = (AnswerResult.Answered) oa.answer(peer("1", "192.0.2.9", 5000, "0 101",
                "rtpmap:101 telephone-event/8000", "fmtp:101 0-11,16"));
        assertThat(partial.answer().toText()).contains("a=fmtp:101 0-11\r\n");
        AnswerResult.Answered none = (AnswerResult.Answered) oa.answer(peer("2", "192.0.2.9", 5000, "0 101",
                "rtpmap:101 telephone-event/8000", "fmtp:101 16"));
        assertThat(none.answer().audio().orElseThrow().formats()).containsExactly(PayloadFormat.PCMU);
        assertThat(none.media().telephoneEvent()).isEmpty();
    }

    @Test
    void answerKeepsADynamicPayloadTypeTheOffererGaveG711() throws SdpException {
        AnswerResult result = oa.answer(peer("1", "192.0.2.9", 5000, "97", "rtpmap:97 PCMU/8000"));
        assertThat(((AnswerResult.Answered) result).media().codec()).isEqualTo(new PayloadFormat(97, "PCMU", 8000, 1, ""));
        assertThat(((AnswerResult.Answered) result).media().telephoneEvent()).isEmpty();
    }

    @ParameterizedTest(name = "offer {0} -> answer {1}")
    @CsvSource({"sendrecv,sendrecv", "sendonly,recvonly", "recvonly,sendonly", "inactive,inactive"})
    void answerDirectionsFollowRfc3264Table(String offered, String answered) throws SdpException {
        AnswerResult.Answered result = (AnswerResult.Answered) oa.answer(peer("1", "192.0.2.9", 5000, "0", offered));
        assertThat(result.answer().audio().orElseThrow().direction().attribute()).isEqualTo(answered);
        assertThat(result.media().direction().attribute()).isEqualTo(answered);
    }

    @Test
    void oldStyleHoldAddressMeansWeDoNotSend() throws SdpException {
        AnswerResult.Answered result = (AnswerResult.Answered) oa.answer(peer("1", "0.0.0.0", 5000, "0"));
        assertThat(result.media().sends()).isFalse();
        assertThat(result.media().receives()).isTrue();
    }

    @Test
    void answerRejectsOtherStreamsWithPortZero() throws SdpException {
        SessionDescription offer = sdp("v=0", "o=peer 1 1 IN IP4 192.0.2.9", "s=-", "c=IN IP4 192.0.2.9", "t=0 0",
                "m=video 6000 RTP/AVP 96", "a=rtpmap:96 H264/90000",
                "m=audio 5000 RTP/SAVP 0", "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:abc",
                "m=audio 5002 RTP/AVP 0 8",
                "m=application 9 TCP/BFCP *");
        AnswerResult.Answered result = (AnswerResult.Answered) oa.answer(offer);
        assertThat(result.answer().media()).extracting(MediaDescription::port).containsExactly(0, 0, 40000, 0);
        assertThat(result.answer().media().get(0).formatTokens()).containsExactly("96");
        assertThat(result.answer().media().get(3).formatTokens()).containsExactly("*");
        assertThat(result.media().remotePort()).isEqualTo(5002);
        assertThat(result.media().codec()).isEqualTo(PayloadFormat.PCMU);
        assertThat(result.answer().toText()).contains("m=video 0 RTP/AVP 96\r\n", "m=application 0 TCP/BFCP *\r\n")
                .doesNotContain("H264", "crypto");
    }

    @Test
    void nothingUsableIsNoCommonCodec() throws SdpException {
        assertThat(oa.answer(peer("1", "192.0.2.9", 5000, "18 9", "rtpmap:18 G729/8000")))
                .isInstanceOfSatisfying(NoCommonCodec.class, n -> assertThat(n.reason()).contains("G729"));
        assertThat(oa.answer(peer("1", "192.0.2.9", 0, "0"))).isInstanceOf(NoCommonCodec.class);
        assertThat(oa.answer(sdp("v=0", "o=peer 1 1 IN IP4 192.0.2.9", "s=-", "t=0 0")))
                .isInstanceOfSatisfying(NoCommonCodec.class, n -> assertThat(n.reason()).contains("no media"));
        assertThat(oa.answer(sdp("v=0", "o=peer 1 1 IN IP4 192.0.2.9", "s=-", "t=0 0", "m=audio 5000 RTP/AVP 0")))
                .isInstanceOfSatisfying(NoCommonCodec.class, n -> assertThat(n.reason()).contains("connection"));
        assertThat(oa.current()).isEmpty();
    }

    @Test
    void processAnswerTakesCodecAddressTelephoneEventAndDirection() throws SdpException {
        oa.offer();
        NegotiationResult result = oa.processAnswer(peer("5", "198.51.100.7", 30000, "8 100",
                "rtpmap:8 PCMA/8000", "rtpmap:100 telephone-event/8000", "rtcp:30011 IN IP4 198.51.100.7", "recvonly"));
        NegotiatedMedia media = ((NegotiationResult.Negotiated) result).media();
        assertThat(media.codec()).isEqualTo(PayloadFormat.PCMA);
        assertThat(media.remoteConnection().address()).isEqualTo("198.51.100.7");
        assertThat(media.remotePort()).isEqualTo(30000);
        assertThat(media.remoteRtcpPort()).isEqualTo(30011);
        assertThat(media.telephoneEvent()).isEqualTo(OptionalInt.of(100));
        assertThat(media.direction()).isEqualTo(Direction.SENDONLY);
        assertThat(oa.offerPending()).isFalse();
        assertThat(oa.current()).contains(media);
    }

    @Test
    void processAnswerResolvesStaticTypesWithoutRtpmap() throws SdpException {
        oa.offer();
        NegotiationResult result = oa.processAnswer(peer("5", "198.51.100.7", 30000, "0"));
        assertThat(((NegotiationResult.Negotiated) result).media().codec()).isEqualTo(PayloadFormat.PCMU);
        assertThat(((NegotiationResult.Negotiated) result).media().telephoneEvent()).isEmpty();
    }

    @Test
    void unusableAnswers() throws SdpException {
        assertThatThrownBy(() -> oa.processAnswer(peer("1", "198.51.100.7", 30000, "0")))
                .isInstanceOf(IllegalStateException.class);
        oa.offer();
        assertThat(oa.processAnswer(peer("1", "198.51.100.7", 0, "0"))).isInstanceOf(NoCommonCodec.class);
        oa.offer();
        assertThat(oa.processAnswer(peer("1", "198.51.100.7", 30000, "18"))).isInstanceOf(NoCommonCodec.class);
        oa.offer();
        assertThat(oa.processAnswer(sdp("v=0", "o=peer 1 1 IN IP4 192.0.2.9", "s=-", "t=0 0")))
                .isInstanceOfSatisfying(NoCommonCodec.class, n -> assertThat(n.reason()).contains("m= lines"));
    }

    @Test
    void holdAndResume() throws SdpException {
        oa.offer();
        oa.processAnswer(peer("1", "198.51.100.7", 30000, "0"));
        SessionDescription hold = oa.holdOffer();
        assertThat(hold.audio().orElseThrow().direction()).isEqualTo(Direction.SENDONLY);
        NegotiationResult held = oa.processAnswer(peer("2", "198.51.100.7", 30000, "0", "recvonly"));
        MediaChange change = ((NegotiationResult.Negotiated) held).change();
        assertThat(change.directionChanged()).isTrue();
        assertThat(change.remoteAddressChanged()).isFalse();
        assertThat(change.current().direction()).isEqualTo(Direction.SENDONLY);

        // While we hold, a peer's session refresh is answered still on hold.
        AnswerResult.Answered refresh = (AnswerResult.Answered) oa.answer(peer("3", "198.51.100.7", 30000, "0"));
        assertThat(refresh.answer().audio().orElseThrow().direction()).isEqualTo(Direction.SENDONLY);

        assertThat(oa.resumeOffer().audio().orElseThrow().direction()).isEqualTo(Direction.SENDRECV);
        NegotiationResult resumed = oa.processAnswer(peer("4", "198.51.100.7", 30000, "0", "sendrecv"));
        assertThat(((NegotiationResult.Negotiated) resumed).media().direction()).isEqualTo(Direction.SENDRECV);
    }

    @Test
    void holdOfARecvonlyStreamIsInactiveAndInactiveCanBeOffered() throws SdpException {
        oa.offer();
        oa.processAnswer(peer("1", "198.51.100.7", 30000, "0", "sendonly"));
        assertThat(oa.current().orElseThrow().direction()).isEqualTo(Direction.RECVONLY);
        assertThat(oa.holdOffer().audio().orElseThrow().direction()).isEqualTo(Direction.INACTIVE);
        oa.rollback();
        assertThat(oa.offer(Direction.INACTIVE).toText()).contains("a=inactive\r\n");
    }

    @Test
    void rollbackKeepsTheMediaAndDirectionFromBefore() throws SdpException {
        oa.offer();
        oa.processAnswer(peer("1", "198.51.100.7", 30000, "0"));
        NegotiatedMedia before = oa.current().orElseThrow();
        oa.holdOffer();
        oa.rollback();
        assertThat(oa.offerPending()).isFalse();
        assertThat(oa.current()).contains(before);
        assertThat(oa.offer().audio().orElseThrow().direction()).isEqualTo(Direction.SENDRECV);
    }

    @Test
    void reInviteMovingTheStreamIsAMediaChange() throws SdpException {
        oa.answer(peer("1", "203.0.113.5", 23456, "0 101", "rtpmap:101 telephone-event/8000"));
        AnswerResult.Answered same = (AnswerResult.Answered) oa.answer(
                peer("1", "203.0.113.5", 23456, "0 101", "rtpmap:101 telephone-event/8000"));
        assertThat(same.change().any()).isFalse();
        // The same answer again keeps our o= version (RFC 3264 §8).
        assertThat(same.answer().origin().sessionVersion()).isEqualTo(1);

        AnswerResult.Answered moved = (AnswerResult.Answered) oa.answer(peer("2", "203.0.113.77", 30000, "8 0"));
        assertThat(moved.change().remoteAddressChanged()).isTrue();
        assertThat(moved.change().codecChanged()).isTrue();
        assertThat(moved.change().telephoneEventChanged()).isTrue();
        assertThat(moved.change().before().orElseThrow().remotePort()).isEqualTo(23456);
        assertThat(moved.media().remoteConnection().address()).isEqualTo("203.0.113.77");
        assertThat(moved.answer().origin().sessionVersion()).isEqualTo(2);
    }
}
