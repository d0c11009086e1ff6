package io.dialer.sip.dialog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import gov.nist.javax.sip.header.Route;
import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import gov.nist.javax.sip.parser.StringMsgParser;
import io.dialer.sip.message.SipFactories;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.sip.address.Address;
import org.junit.jupiter.api.Test;

/**
 * Requirements checked (RFC 3261 §12, §13.2.2.4):
 * - a UAC dialog takes its route set from Record-Route reversed, its remote target from Contact;
 * - a 2xx confirms the early dialog and recomputes the route set;
 * - in-dialog requests carry tags, Call-ID, an increasing CSeq, Route headers in order;
 * - a strict router in front takes the Request-URI;
 * - the ACK for a 2xx has the INVITE's CSeq number and its credentials;
 * - the UAS rejects an out-of-order CSeq and refreshes the target on re-INVITE.
 */
class DialogTest {

    private static final String INVITE = """
            INVITE sip:+15557654321@trunk.test SIP/2.0\r
            Via: SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bK-1;rport\r
            Max-Forwards: 70\r
            From: <sip:+15551230000@dialer.test>;tag=ours\r
            To: <sip:+15557654321@trunk.test>\r
            Call-ID: abc@127.0.0.1\r
            CSeq: 7 INVITE\r
            Contact: <sip:dialer@127.0.0.1:5060>\r
            Proxy-Authorization: Digest username="u", realm="r", nonce="n", uri="sip:+15557654321@trunk.test", response="00"\r
            Content-Length: 0\r
            \r
            """;

    private static SIPMessage parse(String text) throws Exception {
        return new StringMsgParser().parseSIPMessage(text.getBytes(StandardCharsets.UTF_8), true, false, null);
    }

    private static SIPResponse response(int status, String toTag, String contact, String... recordRoutes)
            throws Exception {
        StringBuilder sb = new StringBuilder("SIP/2.0 ").append(status).append(" X\r\n")
                .append("Via: SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bK-1;rport=5060\r\n")
                .append("From: <sip:+15551230000@dialer.test>;tag=ours\r\n")
                .append("To: <sip:+15557654321@trunk.test>;tag=").append(toTag).append("\r\n")
                .append("Call-ID: abc@127.0.0.1\r\nCSeq: 7 INVITE\r\n")
                .append("Contact: <").append(contact).append(">\r\n");
        for (String rr : recordRoutes) {
            sb.append("Record-Route: <").append(rr).append(">\r\n");
        }
        sb.append("Content-Length: 0\r\n\r\n");
        return (SIPResponse) parse(sb.toString());
    }

    private static Address contact() throws Exception {
        return SipFactories.ADDRESSES.createAddress("<sip:dialer@127.0.0.1:5060>");
    }

    private static List<String> routes(SIPRequest request) {
        List<String> out = new ArrayList<>();
        if (request.getRouteHeaders() != null) {
            for (Object r : request.getRouteHeaders()) {
                out.add(((Route) r).getAddress().getURI().toString());
            }
        }
        return out;
    }

    @Test
    void uacDialogFromProvisionalIsEarlyWithReversedRouteSet() throws Exception {
        SIPRequest invite = (SIPRequest) parse(INVITE);
        Dialog dialog = Dialog.forUac(invite, response(180, "theirs", "sip:callee@10.0.0.9:5070",
                "sip:p2.test;lr", "sip:p1.test;lr"), contact());

        assertThat(dialog.state()).isEqualTo(DialogState.EARLY);
        assertThat(dialog.id()).isEqualTo(new DialogId("abc@127.0.0.1", "ours", "theirs"));
        assertThat(dialog.remoteTarget().toString()).isEqualTo("sip:callee@10.0.0.9:5070");
        assertThat(dialog.routeSet()).extracting(a -> a.getURI().toString())
                .containsExactly("sip:p1.test;lr", "sip:p2.test;lr");
        assertThat(dialog.localSequence()).isEqualTo(7);
        assertThat(dialog.remoteSequence()).isEqualTo(-1);
    }

    @Test
    void twoHundredConfirmsAndRecomputesRouteSet() throws Exception {
        SIPRequest invite = (SIPRequest) parse(INVITE);
        Dialog dialog = Dialog.forUac(invite, response(183, "theirs", "sip:early@10.0.0.9", "sip:old.test;lr"),
                contact());
        dialog.confirm(response(200, "theirs", "sip:final@10.0.0.9:5080", "sip:new.test;lr"));

        assertThat(dialog.state()).isEqualTo(DialogState.CONFIRMED);
        assertThat(dialog.remoteTarget().toString()).isEqualTo("sip:final@10.0.0.9:5080");
        assertThat(dialog.routeSet()).extracting(a -> a.getURI().toString()).containsExactly("sip:new.test;lr");
    }

    @Test
    void byeCarriesDialogIdentifiersRoutesAndNextCSeq() throws Exception {
        SIPRequest invite = (SIPRequest) parse(INVITE);
        Dialog dialog = Dialog.forUac(invite, response(200, "theirs", "sip:callee@10.0.0.9:5070",
                "sip:p2.test;lr", "sip:p1.test;lr"), contact());

        SIPRequest bye = dialog.createRequest("BYE");
        assertThat(bye.getRequestURI().toString()).isEqualTo("sip:callee@10.0.0.9:5070");
        assertThat(bye.getFromTag()).isEqualTo("ours");
        assertThat(bye.getToTag()).isEqualTo("theirs");
        assertThat(bye.getCallId().getCallId()).isEqualTo("abc@127.0.0.1");
        assertThat(bye.getCSeq().getSeqNumber()).isEqualTo(8);
        assertThat(bye.getCSeq().getMethod()).isEqualTo("BYE");
        assertThat(routes(bye)).containsExactly("sip:p1.test;lr", "sip:p2.test;lr");
        assertThat(Dialog.nextHop(bye).toString()).isEqualTo("sip:p1.test;lr");
        assertThat(bye.getContactHeader()).isNull();

        SIPRequest reinvite = dialog.createRequest("INVITE");
        assertThat(reinvite.getCSeq().getSeqNumber()).isEqualTo(9);
        assertThat(reinvite.getContactHeader().getAddress().getURI().toString())
                .isEqualTo("sip:dialer@127.0.0.1:5060");
    }

    @Test
    void strictRouterTakesTheRequestUri() throws Exception {
        SIPRequest invite = (SIPRequest) parse(INVITE);
        Dialog dialog = Dialog.forUac(invite, response(200, "theirs", "sip:callee@10.0.0.9",
                "sip:loose.test;lr", "sip:strict.test"), contact());

        SIPRequest bye = dialog.createRequest("BYE");
        assertThat(bye.getRequestURI().toString()).isEqualTo("sip:strict.test");
        assertThat(routes(bye)).containsExactly("sip:loose.test;lr", "sip:callee@10.0.0.9");
    }

    @Test
    void ackForTwoHundredKeepsInviteCSeqAndCredentials() throws Exception {
        SIPRequest invite = (SIPRequest) parse(INVITE);
        SIPResponse ok = response(200, "theirs", "sip:callee@10.0.0.9:5070");
        Dialog dialog = Dialog.forUac(invite, ok, contact());
        dialog.createRequest("INFO");

        SIPRequest ack = dialog.createAck(invite);
        assertThat(ack.getMethod()).isEqualTo("ACK");
        assertThat(ack.getCSeq().getSeqNumber()).isEqualTo(7);
        assertThat(ack.getCSeq().getMethod()).isEqualTo("ACK");
        assertThat(ack.getHeader("Proxy-Authorization")).isNotNull();
        assertThat(ack.getRequestURI().toString()).isEqualTo("sip:callee@10.0.0.9:5070");
        assertThatThrownBy(() -> dialog.createRequest("ACK")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void responseWithoutToTagCreatesNoDialog() throws Exception {
        SIPRequest invite = (SIPRequest) parse(INVITE);
        SIPResponse noTag = (SIPResponse) parse("""
                SIP/2.0 180 Ringing\r
                Via: SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bK-1\r
                From: <sip:+15551230000@dialer.test>;tag=ours\r
                To: <sip:+15557654321@trunk.test>\r
                Call-ID: abc@127.0.0.1\r
                CSeq: 7 INVITE\r
                Content-Length: 0\r
                \r
                """);
        assertThatThrownBy(() -> Dialog.forUac(invite, noTag, contact()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("To tag");
    }

    @Test
    void uasEarlyDialogConfirmedByOurOwn200KeepsTheCallersContact() throws Exception {
        // RFC 3261 §12.1.1: the UAS's remote target is the INVITE's Contact; our 200 carries
        // our own Contact and must not replace it (else our BYE would be sent to ourselves).
        SIPRequest invite = (SIPRequest) parse(INVITE);
        Dialog dialog = Dialog.forUas(invite, "uas-tag", contact(), DialogState.EARLY);
        dialog.confirm(response(200, "uas-tag", "sip:us@127.0.0.1:5099"));
        assertThat(dialog.state()).isEqualTo(DialogState.CONFIRMED);
        assertThat(dialog.remoteTarget().toString()).isEqualTo("sip:dialer@127.0.0.1:5060");
    }

    @Test
    void uasRejectsOutOfOrderCSeqAndRefreshesTargetOnReInvite() throws Exception {
        SIPRequest invite = (SIPRequest) parse(INVITE);
        Dialog dialog = Dialog.forUas(invite, "uas-tag", contact(), DialogState.CONFIRMED);
        assertThat(dialog.id()).isEqualTo(new DialogId("abc@127.0.0.1", "uas-tag", "ours"));
        assertThat(dialog.remoteSequence()).isEqualTo(7);
        assertThat(dialog.remoteTarget().toString()).isEqualTo("sip:dialer@127.0.0.1:5060");

        SIPRequest old = (SIPRequest) parse(INVITE.replace("CSeq: 7 INVITE", "CSeq: 6 BYE").replace("INVITE sip", "BYE sip"));
        assertThat(dialog.acceptRemoteRequest(old)).isFalse();

        SIPRequest reinvite = (SIPRequest) parse(INVITE.replace("CSeq: 7", "CSeq: 8")
                .replace("<sip:dialer@127.0.0.1:5060>", "<sip:moved@127.0.0.1:6000>"));
        assertThat(dialog.acceptRemoteRequest(reinvite)).isTrue();
        assertThat(dialog.remoteSequence()).isEqualTo(8);
        assertThat(dialog.remoteTarget().toString()).isEqualTo("sip:moved@127.0.0.1:6000");

        SIPRequest bye = dialog.createRequest("BYE");
        assertThat(bye.getCSeq().getSeqNumber()).isEqualTo(1);
        assertThat(bye.getFromTag()).isEqualTo("uas-tag");
        assertThat(bye.getToTag()).isEqualTo("ours");
    }
}
