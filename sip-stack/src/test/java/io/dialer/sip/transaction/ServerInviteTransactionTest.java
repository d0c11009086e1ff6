package io.dialer.sip.transaction;

import gov.nist.javax.sip.message.SIPRequest;
import io.dialer.sip.transaction.ServerInviteTransaction.State;
import io.dialer.sip.transport.Flow;
import io.dialer.sip.transport.Transport;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * INVITE server transaction, RFC 3261 §17.2.1 with RFC 6026 §7.1. Requirements checked:
 * <ol>
 * <li>100 Trying is sent after 200 ms when the TU is silent, and not when the TU answered first.</li>
 * <li>A retransmitted INVITE re-sends the last provisional response.</li>
 * <li>A 300-699 final is retransmitted by Timer G (0.5, 1, 2, 4, 4… s, UDP only) until the ACK;
 *     then Confirmed absorbs ACKs until Timer I (T4 on UDP, 0 on TCP).</li>
 * <li>Without an ACK, Timer H ends the transaction at 64*T1 with a Timeout for the TU.</li>
 * <li>A retransmitted INVITE in Completed re-sends the final.</li>
 * <li>A 2xx moves to Accepted: the transaction does not retransmit it but carries the TU's
 *     retransmissions, absorbs INVITE retransmissions, passes matching ACKs to the TU, ends at Timer L.</li>
 * <li>A failed send of a response ends the transaction with a TransportFailure for its user.</li>
 * <li>T1, T2 and the 100 Trying delay are configurable.</li>
 * </ol>
 */
class ServerInviteTransactionTest {

    private final VirtualScheduler scheduler = new VirtualScheduler();
    private final RecordingChannel channel = new RecordingChannel(scheduler);
    private final List<SIPRequest> acksForTu = new ArrayList<>();
    private final List<TransactionFailure> failures = new ArrayList<>();
    private final List<BaseTransaction> released = new ArrayList<>();

    private ServerInviteTransaction start(Transport transport) {
        return start(transport, TimerSettings.DEFAULT);
    }

    private ServerInviteTransaction start(Transport transport, TimerSettings settings) {
        SIPRequest invite = TestMessages.request("INVITE", BranchIds.create(), transport, "127.0.0.1:5080", "");
        Flow flow = TestMessages.flowFromPeer(transport);
        ServerInviteTransaction tx = new ServerInviteTransaction(
                new TransactionContext(scheduler, channel, settings), invite, flow,
                ResponseRouting.responseDestination(invite.getTopmostVia(), flow), (ack, ackFlow) -> acksForTu.add(ack), released::add);
        tx.setUser((t, failure) -> failures.add(failure));
        tx.start();
        return tx;
    }

    private static SIPRequest ackFor(ServerInviteTransaction tx) {
        return TransactionRequests.ackFor(tx.request(), TestMessages.response(tx.request(), 486));
    }

    @Test
    void sends100TryingAfter200msWhenTheTuIsSilent() {
        ServerInviteTransaction tx = start(Transport.UDP);

        scheduler.advance(Duration.ofMillis(199));
        assertThat(channel.sent()).isEmpty();
        scheduler.advance(Duration.ofMillis(1));

        assertThat(channel.times("100 INVITE")).containsExactly(0.2);
        assertThat(channel.sent().get(0).destination()).isEqualTo(tx.responseDestination());
        assertThat(tx.state()).isEqualTo(State.PROCEEDING);
    }

    @Test
    void no100TryingWhenTheTuAnsweredFirst() {
        ServerInviteTransaction tx = start(Transport.UDP);
        scheduler.advance(Duration.ofMillis(50));

        tx.respond(TestMessages.response(tx.request(), 180));
        scheduler.advance(Duration.ofSeconds(1));

        assertThat(channel.sent()).extracting(RecordingChannel.Sent::label).containsExactly("180 INVITE");
    }

    @Test
    void retransmittedInviteResendsTheLastProvisional() {
        ServerInviteTransaction tx = start(Transport.UDP);
        tx.handle(new TransactionEvent.RequestRetransmission(tx.request()));
        assertThat(channel.sent()).as("nothing to re-send before any provisional").isEmpty();

        tx.respond(TestMessages.response(tx.request(), 180));
        tx.respond(TestMessages.response(tx.request(), 183));
        tx.handle(new TransactionEvent.RequestRetransmission(tx.request()));

        assertThat(channel.sent()).extracting(RecordingChannel.Sent::label)
                .containsExactly("180 INVITE", "183 INVITE", "183 INVITE");
    }

    @Test
    void finalIsRetransmittedAtTimerGUntilTheAckThenTimerI() {
        ServerInviteTransaction tx = start(Transport.UDP);
        tx.respond(TestMessages.response(tx.request(), 486));
        assertThat(tx.state()).isEqualTo(State.COMPLETED);

        scheduler.advance(Duration.ofMillis(15_600));
        assertThat(channel.times("486 INVITE")).containsExactly(0.0, 0.5, 1.5, 3.5, 7.5, 11.5, 15.5);

        tx.handle(new TransactionEvent.Ack(ackFor(tx), tx.flow()));
        assertThat(tx.state()).isEqualTo(State.CONFIRMED);
        tx.handle(new TransactionEvent.Ack(ackFor(tx), tx.flow()));
        tx.handle(new TransactionEvent.RequestRetransmission(tx.request()));
        scheduler.advance(Duration.ofMillis(4_999));
        assertThat(tx.state()).isEqualTo(State.CONFIRMED);
        assertThat(channel.sent("486 INVITE")).hasSize(7);

        scheduler.advance(Duration.ofMillis(1));
        assertThat(tx.state()).isEqualTo(State.TERMINATED);
        assertThat(failures).isEmpty();
        assertThat(acksForTu).as("an ACK for a non-2xx belongs to the transaction").isEmpty();
        assertThat(released).containsExactly(tx);
    }

    @Test
    void timerHEndsTheTransactionWithATimeoutWhenNoAckComes() {
        ServerInviteTransaction tx = start(Transport.UDP);
        tx.respond(TestMessages.response(tx.request(), 603));

        scheduler.advance(Duration.ofMillis(31_999));
        assertThat(tx.state()).isEqualTo(State.COMPLETED);
        scheduler.advance(Duration.ofMillis(1));

        assertThat(tx.state()).isEqualTo(State.TERMINATED);
        assertThat(failures).containsExactly(new TransactionFailure.Timeout("H"));
        assertThat(scheduler.scheduledTimers()).isZero();
    }

    @Test
    void overTcpTheFinalIsNotRetransmittedAndTimerIIsZero() {
        ServerInviteTransaction tx = start(Transport.TCP);
        tx.respond(TestMessages.response(tx.request(), 480));
        scheduler.advance(Duration.ofSeconds(10));
        assertThat(channel.times("480 INVITE")).containsExactly(0.0);
        assertThat(tx.responseDestination()).isEqualTo(tx.flow().replyEndpoint());

        tx.handle(new TransactionEvent.Ack(ackFor(tx), tx.flow()));

        assertThat(tx.state()).isEqualTo(State.TERMINATED);
    }

    @Test
    void retransmittedInviteInCompletedResendsTheFinal() {
        ServerInviteTransaction tx = start(Transport.TCP);
        tx.respond(TestMessages.response(tx.request(), 486));
        tx.handle(new TransactionEvent.RequestRetransmission(tx.request()));

        assertThat(channel.sent()).extracting(RecordingChannel.Sent::label).containsExactly("486 INVITE", "486 INVITE");
    }

    @Test
    void successMovesToAcceptedUntilTimerL() {
        ServerInviteTransaction tx = start(Transport.UDP);
        tx.respond(TestMessages.response(tx.request(), 200));
        assertThat(tx.state()).isEqualTo(State.ACCEPTED);

        scheduler.advance(Duration.ofSeconds(2));
        assertThat(channel.times("200 INVITE")).as("2xx retransmission is the TU's job").containsExactly(0.0);
        tx.handle(new TransactionEvent.RequestRetransmission(tx.request()));
        tx.respond(TestMessages.response(tx.request(), 200));
        tx.respond(TestMessages.response(tx.request(), 486));
        SIPRequest ack = ackFor(tx);
        tx.handle(new TransactionEvent.Ack(ack, tx.flow()));

        assertThat(channel.times("200 INVITE")).containsExactly(0.0, 2.0);
        assertThat(channel.sent()).hasSize(2);
        assertThat(acksForTu).containsExactly(ack);

        scheduler.advance(Duration.ofMillis(29_999));
        assertThat(tx.state()).isEqualTo(State.ACCEPTED);
        scheduler.advance(Duration.ofMillis(1));
        assertThat(tx.state()).isEqualTo(State.TERMINATED);
        assertThat(failures).isEmpty();

        tx.respond(TestMessages.response(tx.request(), 200));
        assertThat(channel.sent()).hasSize(2);
    }

    @Test
    void failedResponseSendEndsTheTransactionWithTransportFailure() {
        ServerInviteTransaction tx = start(Transport.TCP);
        channel.failSends(true);
        tx.respond(TestMessages.response(tx.request(), 180));

        scheduler.runPending();

        assertThat(tx.state()).isEqualTo(State.TERMINATED);
        assertThat(failures).singleElement().isInstanceOf(TransactionFailure.TransportFailure.class);
        assertThat(scheduler.scheduledTimers()).isZero();
    }

    @Test
    void timersFollowConfiguredSettings() {
        TimerSettings fast = new TimerSettings(Duration.ofMillis(100), Duration.ofMillis(400),
                Duration.ofSeconds(1), Duration.ofMillis(50));
        ServerInviteTransaction tx = start(Transport.UDP, fast);
        scheduler.advance(Duration.ofMillis(50));
        assertThat(channel.times("100 INVITE")).containsExactly(0.05);
        channel.clear();

        tx.respond(TestMessages.response(tx.request(), 404));
        scheduler.advance(Duration.ofMillis(1_149));
        // G intervals 0.1, 0.2, 0.4 (T2), 0.4 after the final sent at 0.05 s.
        assertThat(channel.times("404 INVITE")).containsExactly(0.05, 0.15, 0.35, 0.75, 1.15);

        // H = 64*T1 = 6.4 s after the final.
        scheduler.advance(Duration.ofMillis(5_250));
        assertThat(scheduler.now()).isEqualTo(Duration.ofMillis(6_449));
        assertThat(tx.state()).isEqualTo(State.COMPLETED);
        scheduler.advance(Duration.ofMillis(1));
        assertThat(tx.state()).isEqualTo(State.TERMINATED);
        assertThat(failures).containsExactly(new TransactionFailure.Timeout("H"));
    }
}
