package io.dialer.sip.transaction;

import io.dialer.sip.transaction.ClientNonInviteTransaction.State;
import io.dialer.sip.transport.Transport;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Non-INVITE client transaction, RFC 3261 §17.1.2. Requirements checked:
 * <ol>
 * <li>Over UDP the request is retransmitted at intervals T1, 2T1, 4T1 capped at T2 (0.5, 1, 2, 4, 4, 4… s)
 *     and Timer F times it out at 64*T1 = 32 s; over TCP there are no retransmissions, F still fires.</li>
 * <li>In Proceeding the request is retransmitted every T2.</li>
 * <li>A final response is passed to the TU once; retransmitted finals are absorbed during Timer K
 *     (T4 on UDP, 0 on TCP); a 2xx and a 4xx are treated alike.</li>
 * <li>A failed send ends the transaction with a TransportFailure.</li>
 * </ol>
 */
class ClientNonInviteTransactionTest {

    private final VirtualScheduler scheduler = new VirtualScheduler();
    private final RecordingChannel channel = new RecordingChannel(scheduler);
    private final RecordingTu tu = new RecordingTu();
    private final List<BaseTransaction> released = new ArrayList<>();

    private ClientNonInviteTransaction start(String method, Transport transport) {
        ClientNonInviteTransaction tx = new ClientNonInviteTransaction(
                new TransactionContext(scheduler, channel, TimerSettings.DEFAULT),
                TestMessages.request(method, BranchIds.create(), transport), TestMessages.peer(transport), tu,
                released::add);
        tx.start();
        return tx;
    }

    @Test
    void retransmissionsDoubleUpToT2AndTimerFEndsAt64T1() {
        ClientNonInviteTransaction tx = start("OPTIONS", Transport.UDP);

        scheduler.advance(Duration.ofMillis(31_999));
        // Intervals 0.5, 1, 2, 4, 4, 4, 4, 4, 4, 4.
        assertThat(channel.times("OPTIONS"))
                .containsExactly(0.0, 0.5, 1.5, 3.5, 7.5, 11.5, 15.5, 19.5, 23.5, 27.5, 31.5);
        assertThat(tx.state()).isEqualTo(State.TRYING);

        scheduler.advance(Duration.ofMillis(1));
        assertThat(tu.failures).containsExactly(new TransactionFailure.Timeout("F"));
        assertThat(tx.state()).isEqualTo(State.TERMINATED);
        assertThat(released).containsExactly(tx);
        assertThat(scheduler.scheduledTimers()).isZero();
    }

    @Test
    void noRetransmissionsOverTcpButTimerFStillFires() {
        ClientNonInviteTransaction tx = start("BYE", Transport.TCP);

        scheduler.advance(Duration.ofSeconds(32));

        assertThat(channel.times("BYE")).containsExactly(0.0);
        assertThat(tu.failures).containsExactly(new TransactionFailure.Timeout("F"));
        assertThat(tx.isTerminated()).isTrue();
    }

    @Test
    void proceedingRetransmitsEveryT2() {
        ClientNonInviteTransaction tx = start("REGISTER", Transport.UDP);
        scheduler.advance(Duration.ofMillis(600));
        // Provisional between the first and second retransmission (E is due at 1.5 s).
        tx.handle(TransactionEvent.ofResponse(TestMessages.response(tx.request(), 100)));
        assertThat(tx.state()).isEqualTo(State.PROCEEDING);
        assertThat(tu.statuses()).containsExactly(100);

        scheduler.advance(Duration.ofMillis(13_000));

        // The pending E fires at 1.5 s, then every T2 = 4 s.
        assertThat(channel.times("REGISTER")).containsExactly(0.0, 0.5, 1.5, 5.5, 9.5, 13.5);
    }

    @Test
    void finalIsPassedOnceAndRetransmissionsAbsorbedUntilTimerKOnUdp() {
        ClientNonInviteTransaction tx = start("BYE", Transport.UDP);
        tx.handle(TransactionEvent.ofResponse(TestMessages.response(tx.request(), 200)));
        assertThat(tx.state()).isEqualTo(State.COMPLETED);

        scheduler.advance(Duration.ofSeconds(1));
        tx.handle(TransactionEvent.ofResponse(TestMessages.response(tx.request(), 200)));
        scheduler.advance(Duration.ofMillis(3_999));
        assertThat(tx.state()).isEqualTo(State.COMPLETED);
        assertThat(channel.times("BYE")).as("no retransmission after the final").containsExactly(0.0);

        scheduler.advance(Duration.ofMillis(1));
        assertThat(tx.state()).isEqualTo(State.TERMINATED);
        assertThat(tu.statuses()).containsExactly(200);
        assertThat(tu.failures).isEmpty();
    }

    @Test
    void timerKIsZeroOverTcpAndRejectionsAreFinalsToo() {
        ClientNonInviteTransaction tx = start("OPTIONS", Transport.TCP);

        tx.handle(TransactionEvent.ofResponse(TestMessages.response(tx.request(), 404)));

        assertThat(tu.statuses()).containsExactly(404);
        assertThat(tx.state()).isEqualTo(State.TERMINATED);
        assertThat(released).containsExactly(tx);
    }

    @Test
    void failedSendEndsTheTransactionWithTransportFailure() {
        ClientNonInviteTransaction tx = start("OPTIONS", Transport.UDP);
        channel.failSends(true);

        scheduler.advance(Duration.ofMillis(500));

        assertThat(tx.state()).isEqualTo(State.TERMINATED);
        assertThat(tu.failures).singleElement().isInstanceOf(TransactionFailure.TransportFailure.class);
        assertThat(scheduler.scheduledTimers()).isZero();
    }
}
