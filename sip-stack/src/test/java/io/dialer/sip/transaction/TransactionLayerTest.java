package io.dialer.sip.transaction;

import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import io.dialer.sip.transport.Endpoint;
import io.dialer.sip.transport.Flow;
import io.dialer.sip.transport.Transport;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Transaction layer, RFC 3261 §17.1.3, §17.2.3, §9 and RFC 6026. Requirements checked:
 * <ol>
 * <li>Responses are matched by top Via branch and CSeq method; one for an unknown transaction, or with
 *     a branch that is not ours, is dropped and counted; a late 2xx on a branch we used recently goes
 *     to {@code onStrayResponse}.</li>
 * <li>Terminated transactions leave the maps (counters back to zero).</li>
 * <li>A new request creates a server transaction handed to the handler; its retransmission is absorbed;
 *     the response copies {@code received}/{@code rport} and goes to the RFC 3581 destination.</li>
 * <li>An ACK for a non-2xx is consumed by the INVITE server transaction; an ACK for a 2xx goes to
 *     {@code onAck}; requests without the magic cookie are dropped.</li>
 * <li>A CANCEL matching a server INVITE gets its own transaction and reaches the handler with the INVITE
 *     transaction; one matching nothing is answered 481.</li>
 * <li>Our CANCEL is sent only after a provisional, never after a final, is built per §9.1, and is
 *     dropped if the INVITE times out first; a 481 to it reaches its TU without touching the INVITE;
 *     a 200 crossing it still reaches the INVITE's TU as a 2xx.</li>
 * <li>A failed send reaches the TU as a TransportFailure and removes the transaction.</li>
 * <li>An ICMP error reported later for a destination fails that destination's client transactions at once.</li>
 * </ol>
 */
class TransactionLayerTest {

    private final VirtualScheduler scheduler = new VirtualScheduler();
    private final RecordingChannel channel = new RecordingChannel(scheduler);
    private final RecordingHandler handler = new RecordingHandler();
    private final TransactionLayer layer = new TransactionLayer(scheduler, channel, TimerSettings.DEFAULT, handler);
    private final RecordingTu tu = new RecordingTu();
    private final Flow udpFromPeer = TestMessages.flowFromPeer(Transport.UDP);

    private static final class RecordingHandler implements RequestHandler {
        final List<ServerTransaction> requests = new ArrayList<>();
        final List<ServerInviteTransaction> canceledInvites = new ArrayList<>();
        final List<ServerNonInviteTransaction> cancelTransactions = new ArrayList<>();
        final List<SIPRequest> acks = new ArrayList<>();
        final List<SIPResponse> strays = new ArrayList<>();

        @Override
        public void onRequest(ServerTransaction tx, SIPRequest request) {
            requests.add(tx);
        }

        @Override
        public void onCancel(ServerNonInviteTransaction cancelTx, SIPRequest cancel, ServerInviteTransaction invite) {
            cancelTransactions.add(cancelTx);
            canceledInvites.add(invite);
        }

        @Override
        public void onAck(SIPRequest ack, Flow flow) {
            acks.add(ack);
        }

        @Override
        public void onStrayResponse(SIPResponse response, Flow flow) {
            strays.add(response);
        }
    }

    private ClientInviteTransaction sendInvite() {
        return (ClientInviteTransaction) layer.sendRequest(
                TestMessages.request("INVITE", BranchIds.create(), Transport.UDP), TestMessages.peer(Transport.UDP), tu);
    }

    private SIPRequest inbound(String method, String branch, String sentBy, String viaParams) {
        return TestMessages.request(method, branch, Transport.UDP, sentBy, viaParams);
    }

    @Test
    void responsesAreMatchedByBranchAndCSeqMethod() throws Exception {
        ClientInviteTransaction invite = sendInvite();
        assertThat(layer.counters().clientTransactions()).isEqualTo(1);

        layer.receive(TestMessages.response(invite.request(), 180), udpFromPeer);
        layer.receive(TestMessages.responseWithMethod(invite.request(), 200, "BYE"), udpFromPeer);
        layer.receive(TestMessages.response(TestMessages.request("INVITE", BranchIds.create(), Transport.UDP), 200),
                udpFromPeer);

        assertThat(tu.statuses()).containsExactly(180);
        assertThat(invite.state()).isEqualTo(ClientInviteTransaction.State.PROCEEDING);
        assertThat(layer.counters().droppedResponses()).isEqualTo(2);
        assertThat(handler.strays).isEmpty();
    }

    @Test
    void lateSuccessOnOurBranchIsAStrayResponseAndTransactionsLeaveTheMap() {
        ClientInviteTransaction invite = sendInvite();
        layer.receive(TestMessages.response(invite.request(), 200), udpFromPeer);
        scheduler.advance(Duration.ofSeconds(32));
        assertThat(invite.isTerminated()).isTrue();
        assertThat(layer.counters().clientTransactions()).isZero();

        layer.receive(TestMessages.response(invite.request(), 200), udpFromPeer);

        assertThat(tu.statuses()).containsExactly(200);
        assertThat(handler.strays).hasSize(1);
        assertThat(layer.counters().strayResponses()).isEqualTo(1);

        scheduler.advance(Duration.ofSeconds(32));
        layer.receive(TestMessages.response(invite.request(), 200), udpFromPeer);
        assertThat(handler.strays).as("forgotten 64*T1 after the transaction ended").hasSize(1);
        assertThat(layer.counters().droppedResponses()).isEqualTo(1);
    }

    @Test
    void newRequestCreatesAServerTransactionAndRetransmissionsAreAbsorbed() {
        SIPRequest options = inbound("OPTIONS", "z9hG4bKopt1", "pc33.example.com:5062", ";rport");

        layer.receive(options, udpFromPeer);
        layer.receive(inbound("OPTIONS", "z9hG4bKopt1", "pc33.example.com:5062", ";rport"), udpFromPeer);

        assertThat(handler.requests).hasSize(1);
        ServerTransaction tx = handler.requests.get(0);
        assertThat(tx).isInstanceOf(ServerNonInviteTransaction.class);
        assertThat(layer.counters().absorbedRetransmissions()).isEqualTo(1);
        assertThat(tx.responseDestination()).isEqualTo(Endpoint.of(Transport.UDP, TestMessages.PEER));

        tx.respond(tx.request().createResponse(200));
        RecordingChannel.Sent sent = channel.sent().get(0);
        assertThat(sent.destination()).isEqualTo(tx.responseDestination());
        assertThat(sent.encoded()).contains("received=127.0.0.1").contains("rport=5080");

        layer.receive(inbound("OPTIONS", "z9hG4bKopt1", "pc33.example.com:5062", ";rport"), udpFromPeer);
        assertThat(channel.sent("200 OPTIONS")).as("retransmission answered from Completed").hasSize(2);
        scheduler.advance(Duration.ofSeconds(32));
        assertThat(layer.counters().serverTransactions()).isZero();
    }

    @Test
    void sameBranchFromAnotherSentByIsAnotherTransaction() {
        layer.receive(inbound("OPTIONS", "z9hG4bKsame", "127.0.0.1:5080", ""), udpFromPeer);
        layer.receive(inbound("OPTIONS", "z9hG4bKsame", "127.0.0.1:5090", ""), udpFromPeer);

        assertThat(handler.requests).hasSize(2);
    }

    @Test
    void ackForNonSuccessIsConsumedAndAckFor2xxGoesToTheHandler() {
        layer.receive(inbound("INVITE", "z9hG4bKinv1", "127.0.0.1:5080", ""), udpFromPeer);
        ServerInviteTransaction invite = (ServerInviteTransaction) handler.requests.get(0);
        invite.respond(TestMessages.response(invite.request(), 486));

        layer.receive(inbound("ACK", "z9hG4bKinv1", "127.0.0.1:5080", ""), udpFromPeer);
        assertThat(invite.state()).isEqualTo(ServerInviteTransaction.State.CONFIRMED);
        assertThat(handler.acks).isEmpty();

        layer.receive(inbound("ACK", "z9hG4bKotherAck", "127.0.0.1:5080", ""), udpFromPeer);
        assertThat(handler.acks).hasSize(1);
    }

    @Test
    void ackMatchingAnAcceptedInviteGoesToTheHandler() {
        layer.receive(inbound("INVITE", "z9hG4bKinv2", "127.0.0.1:5080", ""), udpFromPeer);
        ServerInviteTransaction invite = (ServerInviteTransaction) handler.requests.get(0);
        invite.respond(TestMessages.response(invite.request(), 200));

        layer.receive(inbound("INVITE", "z9hG4bKinv2", "127.0.0.1:5080", ""), udpFromPeer);
        layer.receive(inbound("ACK", "z9hG4bKinv2", "127.0.0.1:5080", ""), udpFromPeer);

        assertThat(handler.requests).hasSize(1);
        assertThat(handler.acks).hasSize(1);
        assertThat(channel.sent("200 INVITE")).as("INVITE retransmission absorbed in Accepted").hasSize(1);
    }

    @Test
    void requestsWithoutMagicCookieAreDropped() {
        layer.receive(inbound("INVITE", "oldstyle1", "127.0.0.1:5080", ""), udpFromPeer);

        assertThat(handler.requests).isEmpty();
        assertThat(channel.sent()).isEmpty();
        assertThat(layer.counters().droppedRequests()).isEqualTo(1);
    }

    @Test
    void cancelMatchingAServerInviteReachesTheHandlerWithThatInvite() {
        layer.receive(inbound("INVITE", "z9hG4bKinv3", "127.0.0.1:5080", ""), udpFromPeer);
        ServerInviteTransaction invite = (ServerInviteTransaction) handler.requests.get(0);

        layer.receive(inbound("CANCEL", "z9hG4bKinv3", "127.0.0.1:5080", ""), udpFromPeer);

        assertThat(handler.canceledInvites).containsExactly(invite);
        assertThat(handler.cancelTransactions).singleElement().isNotNull();
        assertThat(layer.counters().serverTransactions()).isEqualTo(2);
        assertThat(handler.requests).hasSize(1);
    }

    @Test
    void cancelMatchingNothingIsAnswered481() {
        layer.receive(inbound("CANCEL", "z9hG4bKnothing", "127.0.0.1:5080", ""), udpFromPeer);

        assertThat(handler.cancelTransactions).isEmpty();
        SIPResponse response = (SIPResponse) channel.sent("481 CANCEL").get(0).message();
        assertThat(response.getToTag()).isNotBlank();
    }

    @Test
    void cancelIsSentOnlyAfterAProvisionalWithTheInvitesHeaders() {
        ClientInviteTransaction invite = sendInvite();
        RecordingTu cancelTu = new RecordingTu();

        assertThat(layer.cancel(invite, cancelTu)).isTrue();
        assertThat(channel.sent("CANCEL")).isEmpty();

        scheduler.advance(Duration.ofMillis(800));
        layer.receive(TestMessages.response(invite.request(), 180), udpFromPeer);

        List<RecordingChannel.Sent> cancels = channel.sent("CANCEL");
        assertThat(cancels).hasSize(1);
        SIPRequest cancel = (SIPRequest) cancels.get(0).message();
        SIPRequest request = invite.request();
        assertThat(cancels.get(0).destination()).isEqualTo(invite.destination());
        assertThat(cancel.getRequestURI()).isEqualTo(request.getRequestURI());
        assertThat(cancel.getCallId()).isEqualTo(request.getCallId());
        assertThat(cancel.getFrom()).isEqualTo(request.getFrom());
        assertThat(cancel.getTo()).isEqualTo(request.getTo());
        assertThat(cancel.getCSeq().getSeqNumber()).isEqualTo(request.getCSeq().getSeqNumber());
        assertThat(cancel.getCSeq().getMethod()).isEqualTo("CANCEL");
        assertThat(cancel.getViaHeaders()).hasSize(1);
        assertThat(cancel.getTopmostVia().getBranch()).isEqualTo(invite.branch());
        assertThat(cancel.getRouteHeaders().encode()).isEqualTo(request.getRouteHeaders().encode());
        assertThat(cancel.getMaxForwards().getMaxForwards()).isEqualTo(70);
        assertThat(layer.counters().clientTransactions()).isEqualTo(2);
    }

    @Test
    void noCancelAfterAFinalResponse() {
        ClientInviteTransaction invite = sendInvite();
        layer.receive(TestMessages.response(invite.request(), 486), udpFromPeer);

        assertThat(layer.cancel(invite, new RecordingTu())).isFalse();
        assertThat(channel.sent("CANCEL")).isEmpty();
    }

    @Test
    void pendingCancelIsDroppedWhenTheInviteTimesOut() {
        ClientInviteTransaction invite = sendInvite();
        layer.cancel(invite, new RecordingTu());

        scheduler.advance(Duration.ofSeconds(40));

        assertThat(tu.failures).containsExactly(new TransactionFailure.Timeout("B"));
        assertThat(channel.sent("CANCEL")).isEmpty();
        assertThat(layer.counters().clientTransactions()).isZero();
    }

    @Test
    void a481ToOurCancelReachesItsTuWithoutTouchingTheInvite() {
        ClientInviteTransaction invite = sendInvite();
        layer.receive(TestMessages.response(invite.request(), 180), udpFromPeer);
        RecordingTu cancelTu = new RecordingTu();
        layer.cancel(invite, cancelTu);
        SIPRequest cancel = (SIPRequest) channel.sent("CANCEL").get(0).message();

        layer.receive(TestMessages.response(cancel, 481), udpFromPeer);

        assertThat(cancelTu.statuses()).containsExactly(481);
        assertThat(tu.statuses()).containsExactly(180);
        assertThat(invite.state()).isEqualTo(ClientInviteTransaction.State.PROCEEDING);
    }

    @Test
    void a200CrossingTheCancelStillReachesTheInviteTu() {
        ClientInviteTransaction invite = sendInvite();
        layer.receive(TestMessages.response(invite.request(), 183), udpFromPeer);
        RecordingTu cancelTu = new RecordingTu();
        layer.cancel(invite, cancelTu);
        SIPRequest cancel = (SIPRequest) channel.sent("CANCEL").get(0).message();

        layer.receive(TestMessages.response(invite.request(), 200), udpFromPeer);
        layer.receive(TestMessages.response(cancel, 200), udpFromPeer);

        assertThat(tu.statuses()).containsExactly(183, 200);
        assertThat(invite.state()).isEqualTo(ClientInviteTransaction.State.ACCEPTED);
        assertThat(cancelTu.statuses()).containsExactly(200);
        scheduler.advance(Duration.ofSeconds(40));
        assertThat(tu.failures).as("no CANCEL_GUARD after a final").isEmpty();
    }

    @Test
    void failedSendReachesTheTuAndRemovesTheTransaction() {
        channel.failSends(true);
        ClientTransaction tx = layer.sendRequest(TestMessages.request("OPTIONS", BranchIds.create(), Transport.TCP),
                Endpoint.of(Transport.TCP, new InetSocketAddress("127.0.0.1", 5099)), tu);

        scheduler.runPending();

        assertThat(tx.isTerminated()).isTrue();
        assertThat(tu.failures).singleElement().isInstanceOf(TransactionFailure.TransportFailure.class);
        assertThat(layer.counters().clientTransactions()).isZero();
    }

    @Test
    void unreachableDestinationFailsItsTransactionsAtOnceNotAtTimerB() {
        ClientInviteTransaction invite = sendInvite();
        ClientTransaction elsewhere = layer.sendRequest(TestMessages.request("OPTIONS", BranchIds.create(), Transport.UDP),
                Endpoint.of(Transport.UDP, new InetSocketAddress("127.0.0.1", 5098)), new RecordingTu());
        scheduler.runPending();

        layer.failDestination(TestMessages.peer(Transport.UDP), new io.dialer.sip.transport.TransportException(
                TestMessages.peer(Transport.UDP), "ICMP port unreachable", null));

        assertThat(invite.isTerminated()).isTrue();
        assertThat(tu.failures).singleElement().isInstanceOf(TransactionFailure.TransportFailure.class);
        assertThat(elsewhere.isTerminated()).as("a transaction to another destination is untouched").isFalse();
    }

    @Test
    void requestsThatCannotStartATransactionAreRejected() {
        assertThatThrownBy(() -> layer.sendRequest(TestMessages.request("ACK", BranchIds.create(), Transport.UDP),
                TestMessages.peer(Transport.UDP), tu)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> layer.sendRequest(TestMessages.request("OPTIONS", "notacookie", Transport.UDP),
                TestMessages.peer(Transport.UDP), tu)).isInstanceOf(IllegalArgumentException.class);
        SIPRequest options = TestMessages.request("OPTIONS", BranchIds.create(), Transport.UDP);
        layer.sendRequest(options, TestMessages.peer(Transport.UDP), tu);
        assertThatThrownBy(() -> layer.sendRequest(options, TestMessages.peer(Transport.UDP), tu))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void branchIdsCarryTheMagicCookieAndDiffer() {
        String a = BranchIds.create();
        String b = BranchIds.create();

        assertThat(a).startsWith("z9hG4bK").hasSize(31).isNotEqualTo(b);
        assertThat(BranchIds.isRfc3261(a)).isTrue();
        assertThat(BranchIds.isRfc3261("z9hG4bK")).isFalse();
        assertThat(BranchIds.isRfc3261("1234")).isFalse();
    }
}
