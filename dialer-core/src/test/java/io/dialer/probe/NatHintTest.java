package io.dialer.probe;

import static org.assertj.core.api.Assertions.assertThat;

import gov.nist.javax.sip.message.SIPResponse;
import gov.nist.javax.sip.parser.StringMsgParser;
import io.dialer.sip.transport.Transport;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * NAT hints from our Via in the OPTIONS response (RFC 3581 §4). Requirements
 * checked: a {@code received} address or (over UDP) an {@code rport} that
 * differs from what we sent is reported with both; equal values, or an rport
 * over TCP (the connection's own port), are not.
 */
class NatHintTest {

    private static SIPResponse response(String via) throws Exception {
        String text = "SIP/2.0 200 OK\r\n"
                + "Via: " + via + "\r\n"
                + "From: <sip:dialer@192.168.1.20>;tag=a\r\nTo: <sip:trunk.test>;tag=b\r\n"
                + "Call-ID: c1@dialer\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n";
        return (SIPResponse) new StringMsgParser().parseSIPMessage(text.getBytes(StandardCharsets.US_ASCII), true,
                false, null);
    }

    @Test
    void differentReceivedAndRportAreNat() throws Exception {
        String hint = OptionsCheck.natHint(response(
                "SIP/2.0/UDP 192.168.1.20:5060;branch=z9hG4bKx;received=203.0.113.7;rport=40000"), Transport.UDP);
        assertThat(hint).isEqualTo("NAT: the trunk sees us at 203.0.113.7:40000, our Via says 192.168.1.20:5060");
    }

    @Test
    void sameAddressIsNoNat() throws Exception {
        assertThat(OptionsCheck.natHint(response("SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bKx;rport=5060"),
                Transport.UDP)).isNull();
        assertThat(OptionsCheck.natHint(response(
                "SIP/2.0/TCP 127.0.0.1:5060;branch=z9hG4bKx;received=127.0.0.1;rport=51234"), Transport.TCP)).isNull();
    }
}
