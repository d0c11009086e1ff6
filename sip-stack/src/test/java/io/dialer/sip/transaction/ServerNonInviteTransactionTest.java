package io.dialer.sip.transaction;

import gov.nist.javax.sip.message.SIPRequest;
import io.dialer.sip.transaction.ServerNonInviteTransaction.State;
import io.dialer.sip.transport.Flow;
import io.dialer.sip.transport.Transport;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Non-INVITE server transaction, RFC 3261 §17.2.2. Requirements checked:
 * <ol>
 * <li>A retransmitted request is absorbed in Trying and answered with the last response in
 *     Proceeding and Completed.</li>
 * <li>Timer J keeps the final for 64*T1 on UDP and is zero on TCP.</li>
 * <li>Responses from the TU after the final are discarded.</li>
 * <li>A failed send ends the transaction with a TransportFailure for its user.</li>
 * </ol>
 */
class ServerNonInviteTransactionTest {

    private final VirtualScheduler scheduler = new VirtualScheduler();
    private final RecordingChannel channel = new RecordingChannel(scheduler);
    private final List<TransactionFailure> failures = new ArrayList<>();
    private final List<BaseTransaction> released = new ArrayList<>();

    private ServerNonInviteTransaction start(String method, Transport transport) {
        SIPRequest request = TestMessages.request(method, BranchIds.create(), transport, "127.0.0.1:5080", "");
        Flow flow = TestMessages.flowFromPeer(transport);
        ServerNonInviteTransaction tx = new ServerNonInviteTransaction(
                new TransactionContext(scheduler, channel, TimerSettings.DEFAULT), request, flow,
                ResponseRouting.responseDestination(request.getTopmostVia(), flow), released::add);
        tx.setUser((t, failure) -> failures.add(failure));
        return tx;
    }

    @Test
    void retransmissionsAreAbsorbedInTryingAndAnsweredAfterwards() {
        ServerNonInviteTransaction tx = start("BYE", Transport.UDP);
        tx.handle(new TransactionEvent.RequestRetransmission(tx.request()));
        assertThat(channel.sent()).isEmpty();

        tx.respond(TestMessages.response(tx.request(), 100));
        assertThat(tx.state()).isEqualTo(State.PROCEEDING);
        tx.handle(new TransactionEvent.RequestRetransmission(tx.request()));
        tx.respond(TestMessages.response(tx.request(), 200));
        tx.handle(new TransactionEvent.RequestRetransmission(tx.request()));

        assertThat(channel.sent()).extracting(RecordingChannel.Sent::label)
                .containsExactly("100 BYE", "100 BYE", "200 BYE", "200 BYE");
        assertThat(channel.sent().get(0).destination()).isEqualTo(tx.responseDestination());
    }

    @Test
    void timerJKeepsTheFinalFor64T1OnUdp() {
        ServerNonInviteTransaction tx = start("OPTIONS", Transport.UDP);
        tx.respond(TestMessages.response(tx.request(), 200));
        tx.respond(TestMessages.response(tx.request(), 500));

        scheduler.advance(Duration.ofMillis(31_999));
        assertThat(tx.state()).isEqualTo(State.COMPLETED);
        scheduler.advance(Duration.ofMillis(1));

        assertThat(tx.state()).isEqualTo(State.TERMINATED);
        assertThat(channel.sent()).extracting(RecordingChannel.Sent::label).containsExactly("200 OPTIONS");
        assertThat(failures).isEmpty();
        assertThat(released).containsExactly(tx);
    }

    @Test
    void timerJIsZeroOverTcp() {
        ServerNonInviteTransaction tx = start("OPTIONS", Transport.TCP);

        tx.respond(TestMessages.response(tx.request(), 200));

        assertThat(tx.state()).isEqualTo(State.TERMINATED);
        assertThat(released).containsExactly(tx);
    }

    @Test
    void failedSendEndsTheTransactionWithTransportFailure() {
        ServerNonInviteTransaction tx = start("BYE", Transport.TCP);
        channel.failSends(true);

        tx.respond(TestMessages.response(tx.request(), 180));
        scheduler.runPending();

        assertThat(tx.state()).isEqualTo(State.TERMINATED);
        assertThat(failures).singleElement().isInstanceOf(TransactionFailure.TransportFailure.class);
    }
}
