package io.dialer.media.sdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * RFC 4566 parsing and writing: a typical carrier offer, static payload
 * types without rtpmap (RFC 3551 §6), LF-only bodies, media-level c= and
 * direction, crypto lines kept opaque, non-RTP streams kept, and every kind
 * of bad line rejected with an SdpException that names it.
 */
class SdpParserTest {

    static final String CARRIER_OFFER = String.join("\r\n",
            "v=0",
            "o=FreeSWITCH 1700000000 1700000001 IN IP4 203.0.113.5",
            "s=FreeSWITCH",
            "c=IN IP4 203.0.113.5",
            "t=0 0",
            "m=audio 23456 RTP/AVP 8 0 18 101 13",
            "a=rtpmap:8 PCMA/8000",
            "a=rtpmap:0 PCMU/8000",
            "a=rtpmap:18 G729/8000",
            "a=fmtp:18 annexb=no",
            "a=rtpmap:101 telephone-event/8000",
            "a=fmtp:101 0-16",
            "a=rtpmap:13 CN/8000",
            "a=ptime:20",
            "a=maxptime:40",
            "a=sendrecv",
            "a=rtcp:23457 IN IP4 203.0.113.5",
            "");

    @Test
    void parsesACarrierOffer() throws SdpException {
        SessionDescription sd = SessionDescription.parse(CARRIER_OFFER.getBytes(StandardCharsets.UTF_8));
        assertThat(sd.origin()).isEqualTo(new Origin("FreeSWITCH", "1700000000", 1700000001L, Connection.ip4("203.0.113.5")));
        assertThat(sd.sessionName()).isEqualTo("FreeSWITCH");
        assertThat(sd.connection()).isEqualTo(Connection.ip4("203.0.113.5"));
        MediaDescription audio = sd.audio().orElseThrow();
        assertThat(audio.port()).isEqualTo(23456);
        assertThat(audio.protocol()).isEqualTo("RTP/AVP");
        assertThat(audio.formats()).extracting(PayloadFormat::payloadType).containsExactly(8, 0, 18, 101, 13);
        assertThat(audio.formats().get(2)).isEqualTo(new PayloadFormat(18, "G729", 8000, 1, "annexb=no"));
        assertThat(audio.telephoneEvent()).contains(new PayloadFormat(101, "telephone-event", 8000, 1, "0-16"));
        assertThat(audio.telephoneEvent().orElseThrow().carriesDtmfDigits()).isTrue();
        assertThat(audio.rtcpPort()).isEqualTo(23457);
        assertThat(new PayloadFormat(96, "telephone-event", 8000, 1, "0-9, 11,12-14").dtmfEvents()).isEqualTo("0-9,11-14");
        assertThat(new PayloadFormat(96, "telephone-event", 8000, 1, "").carriesDtmfDigits()).isTrue();
        assertThat(audio.audioFormats()).extracting(PayloadFormat::encodingName).containsExactly("PCMA", "PCMU", "G729");
        assertThat(audio.ptime()).isEqualTo(20);
        assertThat(audio.direction()).isEqualTo(Direction.SENDRECV);
        assertThat(audio.otherAttributes()).containsExactly("maxptime:40", "rtcp:23457 IN IP4 203.0.113.5");
        assertThat(sd.connectionFor(audio)).contains(Connection.ip4("203.0.113.5"));
    }

    @Test
    void parsesTheRfc4566Example() throws SdpException {
        // RFC 4566 §5, the example description, with the fields the engine ignores (i, u, e, t values).
        SessionDescription sd = SessionDescription.parse(String.join("\r\n",
                "v=0",
                "o=jdoe 2890844526 2890842807 IN IP4 10.47.16.5",
                "s=SDP Seminar",
                "i=A Seminar on the session description protocol",
                "u=http://www.example.com/seminars/sdp.pdf",
                "e=j.doe@example.com (Jane Doe)",
                "c=IN IP4 224.2.17.12/127",
                "t=2873397496 2873404696",
                "a=recvonly",
                "m=audio 49170 RTP/AVP 0",
                "m=video 51372 RTP/AVP 99",
                "a=rtpmap:99 h263-1998/90000",
                ""));
        assertThat(sd.sessionName()).isEqualTo("SDP Seminar");
        assertThat(sd.connection().address()).isEqualTo("224.2.17.12/127");
        assertThat(sd.media()).extracting(MediaDescription::media).containsExactly("audio", "video");
        assertThat(sd.directionFor(sd.media().get(1))).isEqualTo(Direction.RECVONLY);
        assertThat(sd.media().get(1).formats()).containsExactly(new PayloadFormat(99, "h263-1998", 90000, 1, ""));
    }

    @Test
    void staticTypesWithoutRtpmapLfLineEndsAndMediaLevelConnection() throws SdpException {
        SessionDescription sd = SessionDescription.parse(
                "v=0\no=- 1 1 IN IP6 ::1\ns=-\nt=0 0\na=recvonly\nm=audio 4000 RTP/AVP 0 8 96\nc=IN IP6 ::1\n");
        MediaDescription audio = sd.audio().orElseThrow();
        assertThat(audio.formats()).containsExactly(PayloadFormat.PCMU, PayloadFormat.PCMA,
                new PayloadFormat(96, "", 0, 1, ""));
        assertThat(audio.connection()).isEqualTo(Connection.ip6("::1"));
        assertThat(sd.connection()).isNull();
        assertThat(audio.direction()).isNull();
        // RFC 3264 §5.1: a session-level direction applies to streams without their own.
        assertThat(sd.directionFor(audio)).isEqualTo(Direction.RECVONLY);
        assertThat(audio.ptime()).isZero();
        assertThat(audio.rtcpPort()).isEqualTo(4001);
    }

    @Test
    void keepsCryptoAndNonRtpStreams() throws SdpException {
        SessionDescription sd = SessionDescription.parse(String.join("\r\n",
                "v=0", "o=- 5 7 IN IP4 192.0.2.1", "s=-", "c=IN IP4 192.0.2.1", "t=0 0",
                "m=audio 5004 RTP/SAVP 0",
                "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR|2^20|1:32",
                "m=application 9 TCP/BFCP *",
                "a=setup:passive", ""));
        assertThat(sd.media()).hasSize(2);
        assertThat(sd.media().get(0).crypto())
                .containsExactly("1 AES_CM_128_HMAC_SHA1_80 inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR|2^20|1:32");
        MediaDescription bfcp = sd.media().get(1);
        assertThat(bfcp.isAudio()).isFalse();
        assertThat(bfcp.opaqueFormats()).containsExactly("*");
        assertThat(bfcp.formatTokens()).containsExactly("*");
    }

    @Test
    void writesWhatItParses() throws SdpException {
        SessionDescription sd = SessionDescription.parse(CARRIER_OFFER);
        String text = sd.toText();
        assertThat(text).startsWith("v=0\r\no=FreeSWITCH 1700000000 1700000001 IN IP4 203.0.113.5\r\ns=FreeSWITCH\r\n"
                + "c=IN IP4 203.0.113.5\r\nt=0 0\r\nm=audio 23456 RTP/AVP 8 0 18 101 13\r\n");
        assertThat(text).contains("a=fmtp:101 0-16\r\n").endsWith("a=sendrecv\r\n");
        assertThat(SessionDescription.parse(sd.toBytes())).isEqualTo(sd);
    }

    @Test
    void writesAnAudioStreamBuiltInCode() throws SdpException {
        SessionDescription sd = new SessionDescription(new Origin("-", "42", 3, Connection.ip4("127.0.0.1")), "-",
                Connection.ip4("127.0.0.1"), null,
                List.of(MediaDescription.audio(4000, List.of(PayloadFormat.PCMU, PayloadFormat.telephoneEvent(101)), 20,
                        Direction.SENDONLY)),
                List.of());
        assertThat(sd.toText()).isEqualTo(String.join("\r\n",
                "v=0", "o=- 42 3 IN IP4 127.0.0.1", "s=-", "c=IN IP4 127.0.0.1", "t=0 0",
                "m=audio 4000 RTP/AVP 0 101", "a=rtpmap:0 PCMU/8000", "a=rtpmap:101 telephone-event/8000",
                "a=fmtp:101 0-15", "a=ptime:20", "a=sendonly", ""));
        assertThat(SessionDescription.parse(sd.toText())).isEqualTo(sd);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "bad port|m=audio abc RTP/AVP 0|6|m= port is not a number",
        "port too big|m=audio 70000 RTP/AVP 0|6|out of range",
        "bad payload type|m=audio 4000 RTP/AVP 0 xyz|6|RTP payload type is not a number",
        "payload type too big|m=audio 4000 RTP/AVP 128|6|out of range",
        "short m line|m=audio 4000 RTP/AVP|6|m= needs",
        "bad rtpmap|a=rtpmap:101 telephone-event|7|rtpmap needs",
        "bad rtpmap rate|a=rtpmap:0 PCMU/fast|7|clock rate is not a number",
        "bad ptime|a=ptime:twenty|7|ptime is not a number",
        "unknown letter|x=whatever|7|unknown type letter",
        "no equals|this is not sdp|7|not a <type>=<value> line",
    })
    void rejectsBadLinesNamingThem(String name, String badLine, int lineNumber, String reason) {
        String body = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
                + (lineNumber == 6 ? badLine + "\r\n" : "m=audio 4000 RTP/AVP 0\r\n" + badLine + "\r\n");
        assertThatThrownBy(() -> SessionDescription.parse(body))
                .isInstanceOf(SdpException.class)
                .hasMessageContaining(reason)
                .hasMessageContaining("line " + lineNumber)
                .hasMessageContaining(badLine)
                .satisfies(e -> assertThat(((SdpException) e).lineNumber()).isEqualTo(lineNumber));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "missing address|c=IN IP4|connection needs",
        "bad network type|c=ATM NSAP 47.0005|network type must be IN",
        "bad address type|c=IN IPX 1.2.3.4|address type must be IP4 or IP6",
    })
    void rejectsBadConnections(String name, String badLine, String reason) {
        String body = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\n" + badLine + "\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0\r\n";
        assertThatThrownBy(() -> SessionDescription.parse(body))
                .isInstanceOf(SdpException.class)
                .hasMessageContaining(reason)
                .hasMessageContaining("line 4");
    }

    @Test
    void rejectsBodiesThatAreNotSdp() {
        assertThatThrownBy(() -> SessionDescription.parse("")).isInstanceOf(SdpException.class)
                .hasMessageContaining("empty");
        assertThatThrownBy(() -> SessionDescription.parse("garbage")).isInstanceOf(SdpException.class)
                .hasMessageContaining("line 1");
        assertThatThrownBy(() -> SessionDescription.parse("v=1\r\n")).isInstanceOf(SdpException.class)
                .hasMessageContaining("starts with v=0");
        assertThatThrownBy(() -> SessionDescription.parse("v=0\r\ns=-\r\nm=audio 4000 RTP/AVP 0\r\n"))
                .isInstanceOf(SdpException.class).hasMessageContaining("no o= line");
        assertThatThrownBy(() -> SessionDescription.parse("v=0\r\no=- 1 x IN IP4 1.2.3.4\r\n"))
                .isInstanceOf(SdpException.class).hasMessageContaining("session version");
        assertThatThrownBy(() -> SessionDescription.parse("v=0\r\no=- 1 IN IP4 1.2.3.4\r\n"))
                .isInstanceOf(SdpException.class).hasMessageContaining("o= needs");
    }

    @Test
    void toleratesRtpmapForUnlistedTypesAndDecimalPtime() throws SdpException {
        SessionDescription sd = SessionDescription.parse("v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\n"
                + "t=0 0\r\nm=audio 4000/2 RTP/AVP 0\r\na=rtpmap:97 iLBC/8000\r\na=ptime:30.0\r\n\r\n");
        MediaDescription audio = sd.audio().orElseThrow();
        assertThat(audio.port()).isEqualTo(4000);
        assertThat(audio.formats()).containsExactly(PayloadFormat.PCMU);
        assertThat(audio.ptime()).isEqualTo(30);
    }

    @Test
    void mutatedBodiesParseOrFailOnlyWithSdpException() {
        java.util.Random random = new java.util.Random(4566);
        String alphabet = "=: /-0123456789\r\naAmcIPNsv\u00e9";
        int failures = 0;
        for (int round = 0; round < 5_000; round++) {
            StringBuilder b = new StringBuilder(CARRIER_OFFER);
            for (int edits = 1 + random.nextInt(4); edits > 0; edits--) {
                int at = random.nextInt(b.length());
                switch (random.nextInt(3)) {
                    case 0 -> b.deleteCharAt(at);
                    case 1 -> b.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
                    default -> b.setCharAt(at, alphabet.charAt(random.nextInt(alphabet.length())));
                }
            }
            try {
                SessionDescription.parse(b.toString()).toText();
            } catch (SdpException e) {
                failures++;
                assertThat(e.getMessage()).isNotBlank();
            }
        }
        // Both outcomes happen: the mutations are neither all harmless nor all fatal.
        assertThat(failures).isBetween(1, 4_999);
    }
}
