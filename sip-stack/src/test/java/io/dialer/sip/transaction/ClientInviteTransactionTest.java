package io.dialer.sip.transaction;

import gov.nist.javax.sip.header.RouteList;
import gov.nist.javax.sip.header.Via;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import io.dialer.sip.transaction.ClientInviteTransaction.State;
import io.dialer.sip.transport.Transport;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * INVITE client transaction, RFC 3261 §17.1.1 with RFC 6026 §7.2. Requirements checked:
 * <ol>
 * <li>Over UDP the INVITE is retransmitted at T1, 2T1, 4T1… (0, 0.5, 1.5, 3.5, 7.5, 15.5, 31.5 s) and
 *     Timer B times it out at 64*T1 = 32 s; over TCP it is never retransmitted and B still fires at 32 s.</li>
 * <li>T1 is configurable: with T1 = 100 ms the schedule scales and B fires at 6.4 s.</li>
 * <li>A provisional response stops retransmissions and Timer B and is passed to the TU.</li>
 * <li>A 300-699 final is ACKed by the transaction (§17.1.1.3: same Request-URI, one Via equal to the
 *     INVITE's top Via, To with the response's tag, CSeq ACK, the INVITE's Route headers), passed to the
 *     TU once, the ACK re-sent for each retransmitted final; Timer D is 32 s on UDP and 0 on TCP.</li>
 * <li>A 2xx moves to Accepted; retransmitted 2xx and 2xx from other forks go to the TU, the transaction
 *     sends no ACK; a 180 or 486 after the 200 is ignored; Timer M ends it at 64*T1.</li>
 * <li>A failed send ends the transaction with a TransportFailure for the TU, with no timer left.</li>
 * </ol>
 */
class ClientInviteTransactionTest {

    private final VirtualScheduler scheduler = new VirtualScheduler();
    private final RecordingChannel channel = new RecordingChannel(scheduler);
    private final RecordingTu tu = new RecordingTu();
    private final List<BaseTransaction> released = new ArrayList<>();

    private ClientInviteTransaction start(Transport transport, TimerSettings settings) {
        SIPRequest invite = TestMessages.request("INVITE", BranchIds.create(), transport);
        ClientInviteTransaction tx = new ClientInviteTransaction(new TransactionContext(scheduler, channel, settings),
                invite, TestMessages.peer(transport), tu, released::add);
        tx.start();
        return tx;
    }

    private ClientInviteTransaction start(Transport transport) {
        return start(transport, TimerSettings.DEFAULT);
    }

    @Test
    void inviteOverUdpIsRetransmittedWithDoublingIntervalsUntilTimerB() {
        ClientInviteTransaction tx = start(Transport.UDP);

        scheduler.advance(Duration.ofMillis(31_999));
        assertThat(channel.times("INVITE")).containsExactly(0.0, 0.5, 1.5, 3.5, 7.5, 15.5, 31.5);
        assertThat(tu.failures).isEmpty();

        scheduler.advance(Duration.ofMillis(1));
        assertThat(tu.failures).containsExactly(new TransactionFailure.Timeout("B"));
        assertThat(tx.state()).isEqualTo(State.TERMINATED);
        assertThat(released).containsExactly(tx);

        scheduler.advance(Duration.ofSeconds(60));
        assertThat(channel.sent()).hasSize(7);
        assertThat(scheduler.scheduledTimers()).isZero();
    }

    @Test
    void inviteOverTcpIsNeverRetransmittedButTimesOutAtTimerB() {
        ClientInviteTransaction tx = start(Transport.TCP);

        scheduler.advance(Duration.ofMillis(31_999));
        assertThat(channel.times("INVITE")).containsExactly(0.0);
        assertThat(tx.state()).isEqualTo(State.CALLING);

        scheduler.advance(Duration.ofMillis(1));
        assertThat(tu.failures).containsExactly(new TransactionFailure.Timeout("B"));
        assertThat(tx.isTerminated()).isTrue();
    }

    @Test
    void timersFollowConfiguredT1() {
        TimerSettings fast = new TimerSettings(Duration.ofMillis(100), Duration.ofSeconds(4),
                Duration.ofSeconds(5), Duration.ofMillis(200));
        start(Transport.UDP, fast);

        scheduler.advance(Duration.ofMillis(6_399));
        assertThat(channel.times("INVITE")).containsExactly(0.0, 0.1, 0.3, 0.7, 1.5, 3.1, 6.3);
        assertThat(tu.failures).isEmpty();
        scheduler.advance(Duration.ofMillis(1));
        assertThat(tu.failures).containsExactly(new TransactionFailure.Timeout("B"));
    }

    @Test
    void provisionalStopsRetransmissionsAndTimerB() {
        ClientInviteTransaction tx = start(Transport.UDP);
        scheduler.advance(Duration.ofMillis(700));

        tx.handle(TransactionEvent.ofResponse(TestMessages.response(tx.request(), 180)));
        scheduler.advance(Duration.ofSeconds(120));

        assertThat(tx.state()).isEqualTo(State.PROCEEDING);
        assertThat(tu.statuses()).containsExactly(180);
        assertThat(tu.failures).isEmpty();
        assertThat(channel.times("INVITE")).containsExactly(0.0, 0.5);

        tx.handle(TransactionEvent.ofResponse(TestMessages.response(tx.request(), 183)));
        assertThat(tu.statuses()).containsExactly(180, 183);
    }

    @Test
    void nonSuccessFinalIsAckedByTheTransactionWithTheRequiredHeaders() {
        ClientInviteTransaction tx = start(Transport.UDP);
        tx.handle(TransactionEvent.ofResponse(TestMessages.response(tx.request(), 180)));
        scheduler.advance(Duration.ofSeconds(2));
        SIPResponse busy = TestMessages.response(tx.request(), 486);

        tx.handle(TransactionEvent.ofResponse(busy));

        assertThat(tx.state()).isEqualTo(State.COMPLETED);
        assertThat(tu.statuses()).containsExactly(180, 486);
        List<RecordingChannel.Sent> acks = channel.sent("ACK");
        assertThat(acks).hasSize(1);
        assertThat(acks.get(0).destination()).isEqualTo(tx.destination());
        SIPRequest ack = (SIPRequest) acks.get(0).message();
        SIPRequest invite = tx.request();
        assertThat(ack.getRequestURI()).isEqualTo(invite.getRequestURI());
        assertThat(ack.getViaHeaders()).hasSize(1);
        assertThat((Via) ack.getTopmostVia()).isEqualTo(invite.getTopmostVia());
        assertThat(ack.getTopmostVia().getBranch()).isEqualTo(tx.branch());
        assertThat(ack.getCallId()).isEqualTo(invite.getCallId());
        assertThat(ack.getFrom()).isEqualTo(invite.getFrom());
        assertThat(ack.getToTag()).isEqualTo("b2");
        assertThat(ack.getCSeq().getSeqNumber()).isEqualTo(invite.getCSeq().getSeqNumber());
        assertThat(ack.getCSeq().getMethod()).isEqualTo("ACK");
        RouteList routes = ack.getRouteHeaders();
        assertThat(routes).isNotNull();
        assertThat(routes.encode()).isEqualTo(invite.getRouteHeaders().encode());
        assertThat(ack.getRawContent()).isNull();
        assertThat(acks.get(0).encoded()).startsWith("ACK sip:bob@127.0.0.1:5080 SIP/2.0\r\n")
                .contains("Max-Forwards: 70").contains("Content-Length: 0");
    }

    @Test
    void retransmittedFinalIsAbsorbedAndReAckedUntilTimerDOnUdp() {
        ClientInviteTransaction tx = start(Transport.UDP);
        SIPResponse busy = TestMessages.response(tx.request(), 486);
        tx.handle(TransactionEvent.ofResponse(busy));
        scheduler.advance(Duration.ofSeconds(1));
        tx.handle(TransactionEvent.ofResponse(TestMessages.response(tx.request(), 486)));
        scheduler.advance(Duration.ofSeconds(2));
        tx.handle(TransactionEvent.ofResponse(TestMessages.response(tx.request(), 486)));

        assertThat(channel.times("ACK")).containsExactly(0.0, 1.0, 3.0);
        assertThat(tu.statuses()).containsExactly(486);

        scheduler.advance(Duration.ofMillis(28_999));
        assertThat(tx.state()).isEqualTo(State.COMPLETED);
        scheduler.advance(Duration.ofMillis(1));
        assertThat(tx.state()).isEqualTo(State.TERMINATED);
        assertThat(tu.failures).isEmpty();
        assertThat(released).containsExactly(tx);
    }

    @Test
    void timerDIsZeroOverTcp() {
        ClientInviteTransaction tx = start(Transport.TCP);

        tx.handle(TransactionEvent.ofResponse(TestMessages.response(tx.request(), 503)));

        assertThat(channel.sent("ACK")).hasSize(1);
        assertThat(tu.statuses()).containsExactly(503);
        assertThat(tx.state()).isEqualTo(State.TERMINATED);
        assertThat(released).containsExactly(tx);
    }

    @Test
    void successMovesToAcceptedAndEvery2xxReachesTheTuUntilTimerM() throws Exception {
        ClientInviteTransaction tx = start(Transport.UDP);
        tx.handle(TransactionEvent.ofResponse(TestMessages.response(tx.request(), 180)));
        tx.handle(TransactionEvent.ofResponse(TestMessages.response(tx.request(), 200)));
        assertThat(tx.state()).isEqualTo(State.ACCEPTED);

        scheduler.advance(Duration.ofSeconds(1));
        tx.handle(TransactionEvent.ofResponse(TestMessages.response(tx.request(), 200)));
        SIPResponse otherFork = TestMessages.response(tx.request(), 200);
        otherFork.setToTag("fork2");
        tx.handle(TransactionEvent.ofResponse(otherFork));
        tx.handle(TransactionEvent.ofResponse(TestMessages.response(tx.request(), 180)));
        tx.handle(TransactionEvent.ofResponse(TestMessages.response(tx.request(), 486)));

        assertThat(tu.statuses()).containsExactly(180, 200, 200, 200);
        assertThat(tu.responses.get(3).getToTag()).isEqualTo("fork2");
        assertThat(channel.sent("ACK")).as("the UA core ACKs 2xx, not the transaction").isEmpty();

        scheduler.advance(Duration.ofMillis(30_999));
        assertThat(tx.state()).isEqualTo(State.ACCEPTED);
        scheduler.advance(Duration.ofMillis(1));
        assertThat(tx.state()).isEqualTo(State.TERMINATED);
        assertThat(tu.failures).isEmpty();

        tx.handle(TransactionEvent.ofResponse(TestMessages.response(tx.request(), 200)));
        assertThat(tu.responses).hasSize(4);
    }

    @Test
    void failedSendEndsTheTransactionWithTransportFailure() {
        channel.failSends(true);
        ClientInviteTransaction tx = start(Transport.TCP);
        assertThat(tu.failures).as("the failure hops onto the scheduler thread").isEmpty();

        scheduler.runPending();

        assertThat(tx.state()).isEqualTo(State.TERMINATED);
        assertThat(tu.failures).singleElement().isInstanceOfSatisfying(TransactionFailure.TransportFailure.class,
                failure -> assertThat(failure.cause().destination()).isEqualTo(tx.destination()));
        assertThat(scheduler.scheduledTimers()).isZero();
        assertThat(released).containsExactly(tx);
    }

    @Test
    void cancelWaitsForAProvisionalAndIsRefusedAfterAFinal() {
        ClientInviteTransaction tx = start(Transport.UDP);
        List<String> cancels = new ArrayList<>();

        assertThat(tx.requestCancel(() -> cancels.add("sent"))).isTrue();
        assertThat(cancels).isEmpty();
        assertThat(tx.requestCancel(() -> cancels.add("again"))).as("one CANCEL per INVITE").isFalse();

        tx.handle(TransactionEvent.ofResponse(TestMessages.response(tx.request(), 180)));
        assertThat(cancels).containsExactly("sent");

        tx.handle(TransactionEvent.ofResponse(TestMessages.response(tx.request(), 487)));
        ClientInviteTransaction answered = start(Transport.UDP);
        answered.handle(TransactionEvent.ofResponse(TestMessages.response(answered.request(), 200)));
        assertThat(answered.requestCancel(() -> cancels.add("late"))).isFalse();
        assertThat(cancels).containsExactly("sent");
    }

    @Test
    void noFinalWithin64T1AfterCancelEndsTheInvite() {
        ClientInviteTransaction tx = start(Transport.UDP);
        tx.handle(TransactionEvent.ofResponse(TestMessages.response(tx.request(), 180)));
        tx.requestCancel(tx::cancelSent);

        scheduler.advance(Duration.ofSeconds(32));

        assertThat(tx.state()).isEqualTo(State.TERMINATED);
        assertThat(tu.failures).containsExactly(new TransactionFailure.Timeout("CANCEL_GUARD"));
    }
}
