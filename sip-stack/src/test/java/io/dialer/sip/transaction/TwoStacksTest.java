package io.dialer.sip.transaction;

import gov.nist.javax.sip.message.SIPMessage;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A UAC layer and a UAS layer in one JVM on one virtual clock, joined by a lossy loopback that
 * encodes and re-parses every message. Requirements checked:
 * <ol>
 * <li>Two stacks share nothing: each matches only its own transactions.</li>
 * <li>A lost INVITE is recovered by Timer A; the UAS's 486 is ACKed by the UAC transaction and the ACK
 *     is consumed by the UAS transaction; both sides end with no transaction left.</li>
 * <li>CANCEL end to end: sent after the 180, matched at the UAS to its INVITE, 200 to the CANCEL and
 *     487 to the INVITE reach the right TUs.</li>
 * </ol>
 */
class TwoStacksTest {

    private static final InetSocketAddress UAC = new InetSocketAddress("127.0.0.1", 5070);
    private static final InetSocketAddress UAS = new InetSocketAddress("127.0.0.1", 5080);

    private final VirtualScheduler scheduler = new VirtualScheduler();
    private final Loopback toUas = new Loopback(UAC);
    private final Loopback toUac = new Loopback(UAS);
    private final Uas uasCore = new Uas();
    private final TransactionLayer uac = new TransactionLayer(scheduler, toUas, TimerSettings.DEFAULT, new NoRequests());
    private final TransactionLayer uas = new TransactionLayer(scheduler, toUac, TimerSettings.DEFAULT, uasCore);
    private final RecordingTu tu = new RecordingTu();

    {
        toUas.peer = uas;
        toUac.peer = uac;
    }

    /** Delivers each message to the peer layer on the next scheduler turn, unless told to lose it. */
    private final class Loopback implements MessageChannel {
        private final InetSocketAddress local;
        TransactionLayer peer;
        int lose;
        final List<String> carried = new ArrayList<>();

        Loopback(InetSocketAddress local) {
            this.local = local;
        }

        @Override
        public CompletionStage<Void> send(SIPMessage message, Endpoint destination) {
            String encoded = message.encode();
            if (lose > 0) {
                lose--;
                return CompletableFuture.completedFuture(null);
            }
            carried.add(encoded.substring(0, encoded.indexOf('\r')));
            Flow flow = new Flow(destination.transport(), local, destination.address());
            scheduler.execute(() -> peer.receive(TestMessages.parse(encoded), flow));
            return CompletableFuture.completedFuture(null);
        }
    }

    private static final class NoRequests implements RequestHandler {
        @Override
        public void onRequest(ServerTransaction tx, SIPRequest request) {
            throw new AssertionError("the UAC receives no requests");
        }

        @Override
        public void onCancel(ServerNonInviteTransaction cancelTx, SIPRequest cancel, ServerInviteTransaction invite) {
            throw new AssertionError("the UAC receives no CANCEL");
        }

        @Override
        public void onAck(SIPRequest ack, Flow flow) {
            throw new AssertionError("the UAC receives no ACK");
        }

        @Override
        public void onStrayResponse(SIPResponse response, Flow flow) {
            throw new AssertionError("no stray response expected");
        }
    }

    /** Rings, then rejects with {@code finalStatus} unless a CANCEL comes first. */
    private static final class Uas implements RequestHandler {
        int finalStatus;
        ServerInviteTransaction invite;
        final List<SIPRequest> acks = new ArrayList<>();

        @Override
        public void onRequest(ServerTransaction tx, SIPRequest request) {
            invite = (ServerInviteTransaction) tx;
            tx.respond(TestMessages.response(request, 180));
            if (finalStatus != 0) {
                tx.respond(TestMessages.response(request, finalStatus));
            }
        }

        @Override
        public void onCancel(ServerNonInviteTransaction cancelTx, SIPRequest cancel, ServerInviteTransaction invite) {
            cancelTx.respond(TestMessages.response(cancel, 200));
            invite.respond(TestMessages.response(invite.request(), 487));
        }

        @Override
        public void onAck(SIPRequest ack, Flow flow) {
            acks.add(ack);
        }

        @Override
        public void onStrayResponse(SIPResponse response, Flow flow) {
            throw new AssertionError("no stray response expected");
        }
    }

    private ClientInviteTransaction invite() {
        return (ClientInviteTransaction) uac.sendRequest(TestMessages.request("INVITE", BranchIds.create(),
                Transport.UDP), Endpoint.of(Transport.UDP, UAS), tu);
    }

    @Test
    void lostInviteIsRetransmittedAndTheRejectionIsAckedEndToEnd() {
        uasCore.finalStatus = 486;
        toUas.lose = 1;

        ClientInviteTransaction tx = invite();
        scheduler.advance(Duration.ofMillis(600));

        assertThat(tu.statuses()).containsExactly(180, 486);
        assertThat(tx.state()).isEqualTo(ClientInviteTransaction.State.COMPLETED);
        assertThat(uasCore.invite.state()).isEqualTo(ServerInviteTransaction.State.CONFIRMED);
        assertThat(uasCore.acks).as("the ACK for a non-2xx stays in the transaction").isEmpty();
        assertThat(toUas.carried).containsExactly("INVITE sip:bob@127.0.0.1:5080 SIP/2.0",
                "ACK sip:bob@127.0.0.1:5080 SIP/2.0");

        scheduler.advance(Duration.ofSeconds(40));
        assertThat(uac.counters().clientTransactions()).isZero();
        assertThat(uas.counters().serverTransactions()).isZero();
        assertThat(toUac.carried).hasSize(2);
    }

    @Test
    void cancelEndToEnd() {
        ClientInviteTransaction tx = invite();
        scheduler.runPending();
        scheduler.runPending();
        assertThat(tu.statuses()).containsExactly(180);
        RecordingTu cancelTu = new RecordingTu();

        assertThat(uac.cancel(tx, cancelTu)).isTrue();
        scheduler.advance(Duration.ofMillis(10));

        assertThat(cancelTu.statuses()).containsExactly(200);
        assertThat(tu.statuses()).containsExactly(180, 487);
        assertThat(uasCore.invite.state()).isEqualTo(ServerInviteTransaction.State.CONFIRMED);
        scheduler.advance(Duration.ofSeconds(40));
        assertThat(uac.counters().clientTransactions()).isZero();
        assertThat(uas.counters().serverTransactions()).isZero();
        assertThat(tu.failures).isEmpty();
    }
}
