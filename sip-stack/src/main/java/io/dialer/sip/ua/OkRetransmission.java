package io.dialer.sip.ua;

import gov.nist.javax.sip.message.SIPResponse;
import io.dialer.sip.transaction.Scheduler;
import io.dialer.sip.transaction.TimerSettings;
import io.dialer.sip.transport.Endpoint;

import java.time.Duration;

/**
 * The UAS core's retransmission of a 2xx to an INVITE until its ACK arrives
 * (RFC 3261 §13.3.1.4): first after T1, doubling up to T2, given up after
 * 64*T1. The INVITE server transaction does not do this itself (RFC 6026
 * §7.1). On TCP and TLS the transport already delivers the 2xx, so only the
 * 64*T1 wait for the ACK runs.
 */
final class OkRetransmission {

    private final Scheduler scheduler;
    private final TimerSettings timers;
    private final SIPResponse ok;
    private final Endpoint destination;
    private final UserAgent ua;
    private final Runnable onNoAck;
    private Scheduler.Cancellable resend;
    private Scheduler.Cancellable giveUp;
    private Duration interval;

    OkRetransmission(UserAgent ua, SIPResponse ok, Endpoint destination, Runnable onNoAck) {
        this.ua = ua;
        this.scheduler = ua.scheduler();
        this.timers = ua.timers();
        this.ok = ok;
        this.destination = destination;
        this.onNoAck = onNoAck;
    }

    long cseq() {
        return ok.getCSeq().getSeqNumber();
    }

    void start() {
        interval = timers.t1();
        if (!destination.transport().reliable()) {
            resend = scheduler.schedule(this::resend, interval);
        }
        giveUp = scheduler.schedule(this::giveUp, timers.timeout64());
    }

    /** The ACK arrived (or the dialog ended): stop. */
    void stop() {
        if (resend != null) {
            resend.cancel();
            resend = null;
        }
        if (giveUp != null) {
            giveUp.cancel();
            giveUp = null;
        }
    }

    private void resend() {
        if (giveUp == null) {
            return;
        }
        ua.sendStateless(ok, destination);
        interval = interval.multipliedBy(2);
        if (interval.compareTo(timers.t2()) > 0) {
            interval = timers.t2();
        }
        resend = scheduler.schedule(this::resend, interval);
    }

    private void giveUp() {
        stop();
        onNoAck.run();
    }
}
