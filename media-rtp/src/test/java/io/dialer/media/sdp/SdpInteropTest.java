package io.dialer.media.sdp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Vector;
import javax.sdp.SdpFactory;
import org.junit.jupiter.api.Test;

/**
 * Bodies of the peers the project talks to, and our bodies read by another
 * parser:
 * - SIPp's default UAC offer (PCMU only) is answered with PCMU;
 * - a WebRTC-style offer (RTP/SAVPF, ICE attributes) has nothing for us: 488;
 * - our offer and answer, read by jain-sip's SDP parser, say the same thing.
 */
class SdpInteropTest {

    private static final String SIPP_UAC = String.join("\r\n",
            "v=0",
            "o=user1 53655765 2353687637 IN IP4 127.0.0.1",
            "s=-",
            "c=IN IP4 127.0.0.1",
            "t=0 0",
            "m=audio 6000 RTP/AVP 0",
            "a=rtpmap:0 PCMU/8000",
            "");

    private static final String WEBRTC = String.join("\r\n",
            "v=0",
            "o=- 4611731400430051336 2 IN IP4 127.0.0.1",
            "s=-",
            "t=0 0",
            "a=group:BUNDLE 0",
            "a=msid-semantic: WMS",
            "m=audio 9 UDP/TLS/RTP/SAVPF 111 0 8 126",
            "c=IN IP4 0.0.0.0",
            "a=rtcp:9 IN IP4 0.0.0.0",
            "a=ice-ufrag:4ZcD",
            "a=ice-pwd:2/1muCWoOi3uLifh0NuRHlf",
            "a=fingerprint:sha-256 19:E2:1C:3B:4B:9F:81:E6:B8:5C:F4:A5:A8:D8:73:04:BB:05:2F:70:9F:04:A9:0E:05:E9:26:33:E8:70:88:A2",
            "a=setup:actpass",
            "a=mid:0",
            "a=sendrecv",
            "a=rtcp-mux",
            "a=rtpmap:111 opus/48000/2",
            "a=fmtp:111 minptime=10;useinbandfec=1",
            "a=rtpmap:126 telephone-event/8000",
            "");

    @Test
    void answersSippsDefaultOffer() throws SdpException {
        OfferAnswer oa = new OfferAnswer(LocalMedia.g711(Connection.ip4("127.0.0.1"), 40000), 1);
        AnswerResult.Answered answered = (AnswerResult.Answered) oa.answer(SessionDescription.parse(SIPP_UAC));
        assertThat(answered.media().codec()).isEqualTo(PayloadFormat.PCMU);
        assertThat(answered.media().remotePort()).isEqualTo(6000);
        assertThat(answered.media().telephoneEvent()).isEmpty();
        assertThat(answered.answer().audio().orElseThrow().formatTokens()).containsExactly("0");
    }

    @Test
    void webRtcOfferIsNotForUs() throws SdpException {
        SessionDescription offer = SessionDescription.parse(WEBRTC);
        MediaDescription audio = offer.audio().orElseThrow();
        assertThat(audio.formats().get(0)).isEqualTo(new PayloadFormat(111, "opus", 48000, 2, "minptime=10;useinbandfec=1"));
        assertThat(audio.otherAttributes()).contains("rtcp-mux", "setup:actpass");
        OfferAnswer oa = new OfferAnswer(LocalMedia.g711(Connection.ip4("127.0.0.1"), 40000), 1);
        assertThat(oa.answer(offer)).isInstanceOfSatisfying(NoCommonCodec.class,
                n -> assertThat(n.reason()).contains("UDP/TLS/RTP/SAVPF"));
    }

    @Test
    void jainSipReadsOurOfferAndAnswerTheSameWay() throws Exception {
        OfferAnswer oa = new OfferAnswer(LocalMedia.g711(Connection.ip4("127.0.0.1"), 40000), 99);
        javax.sdp.SessionDescription offer = SdpFactory.getInstance().createSessionDescription(oa.offer().toText());
        javax.sdp.MediaDescription audio = (javax.sdp.MediaDescription) offer.getMediaDescriptions(false).get(0);
        assertThat(audio.getMedia().getMediaPort()).isEqualTo(40000);
        assertThat(new Vector<Object>(audio.getMedia().getMediaFormats(false))).containsExactly("0", "8", "101");
        assertThat(audio.getAttribute("ptime")).isEqualTo("20");
        assertThat(audio.getAttribute("fmtp")).isEqualTo("101 0-15");
        assertThat(offer.getConnection().getAddress()).isEqualTo("127.0.0.1");
        assertThat(offer.getOrigin().getSessionId()).isEqualTo(99);

        AnswerResult.Answered answered = (AnswerResult.Answered) new OfferAnswer(
                LocalMedia.g711(Connection.ip4("127.0.0.1"), 40002), 5).answer(SessionDescription.parse(SIPP_UAC));
        javax.sdp.SessionDescription answer = SdpFactory.getInstance()
                .createSessionDescription(answered.answer().toText());
        javax.sdp.MediaDescription a = (javax.sdp.MediaDescription) answer.getMediaDescriptions(false).get(0);
        assertThat(a.getMedia().getMediaPort()).isEqualTo(40002);
        assertThat(new Vector<Object>(a.getAttributes(false))).extracting(x -> ((javax.sdp.Attribute) x).getName())
                .contains("rtpmap", "ptime", "sendrecv");
    }
}
