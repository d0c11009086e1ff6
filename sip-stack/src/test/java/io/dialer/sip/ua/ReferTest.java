package io.dialer.sip.ua;

import static org.assertj.core.api.Assertions.assertThat;

import io.dialer.sip.testpeers.Sipp;
import io.dialer.sip.transport.Endpoint;
import io.dialer.sip.transport.Transport;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * REFER in an answered call against a SIPp callee (RFC 3515). Requirements checked:
 * - REFER carries Refer-To and our Referred-By (RFC 3892); 202 is reported as Accepted;
 * - each NOTIFY is answered 200 and its sipfrag status reported, the last one as terminated;
 * - a refused REFER (405) is reported with its response and the call stays up.
 */
class ReferTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Map<String, String> REFERRED_BY = Map.of("Referred-By", "<sip:+15551230000@127.0.0.1>");

    @TempDir
    Path dir;

    private final BlockingQueue<ReferEvent> refer = new LinkedBlockingQueue<>();

    private ReferEvent nextRefer() throws InterruptedException {
        ReferEvent e = refer.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(e).as("a REFER event within %s", WAIT).isNotNull();
        return e;
    }

    private static InviteRequest invite(Sipp sipp) {
        Endpoint target = Endpoint.of(Transport.UDP, new InetSocketAddress("127.0.0.1", sipp.port()));
        return InviteRequest.to("sip:service@127.0.0.1:" + sipp.port(), "sip:+15551230000@127.0.0.1", target);
    }

    @Test
    void acceptedReferReportsEachNotifyUntilTerminated() throws Exception {
        try (Sipp uas = Sipp.server("uas_refer", "udp", 1, dir, "-key", "frag", "200 OK");
             SipStack stack = SipStack.start(StackSettings.defaults())) {
            EventLog events = new EventLog(uas, dir);
            OutgoingCall call = stack.userAgent().invite(invite(uas), events);
            events.next(CallEvent.Answered.class, WAIT);
            call.refer("sip:transfer-target@example.test", REFERRED_BY, refer::add);

            assertThat(nextRefer()).isInstanceOfSatisfying(ReferEvent.Accepted.class,
                    a -> assertThat(a.response().getStatusCode()).isEqualTo(202));
            assertThat(List.of(nextRefer(), nextRefer())).containsExactly(
                    new ReferEvent.Progress(100, "Trying", false), new ReferEvent.Progress(200, "OK", true));
            call.hangup();
            events.next(CallEvent.Ended.class, WAIT);
            assertThat(uas.waitFor(WAIT)).as("SIPp\n%s\n%s", uas.output(), uas.messages(dir)).isZero();
            assertThat(uas.messages(dir)).contains("Refer-To: <sip:transfer-target@example.test>")
                    .contains("Referred-By: <sip:+15551230000@127.0.0.1>");
        }
    }

    @Test
    void refusedReferLeavesTheCallUp() throws Exception {
        try (Sipp uas = Sipp.serverFilled("uas_refer_refused", Map.of("code", "405"), "udp", 1, dir);
             SipStack stack = SipStack.start(StackSettings.defaults())) {
            EventLog events = new EventLog(uas, dir);
            OutgoingCall call = stack.userAgent().invite(invite(uas), events);
            events.next(CallEvent.Answered.class, WAIT);
            call.refer("sip:transfer-target@example.test", REFERRED_BY, refer::add);

            assertThat(nextRefer()).isInstanceOfSatisfying(ReferEvent.Refused.class,
                    r -> assertThat(r.response().getStatusCode()).isEqualTo(405));
            assertThat(events.seen()).noneMatch(e -> e instanceof CallEvent.Ended);
            call.hangup();
            assertThat(events.next(CallEvent.Ended.class, WAIT).cause()).isEqualTo(CallEvent.EndCause.LOCAL_BYE);
            assertThat(uas.waitFor(WAIT)).as("SIPp\n%s\n%s", uas.output(), uas.messages(dir)).isZero();
        }
    }

    @Test
    void sipfragStatusLineIsReadLeniently() {
        assertThat(Sipfrag.parse("SIP/2.0 180 Ringing\r\n".getBytes())).isEqualTo(new Sipfrag(180, "Ringing"));
        assertThat(Sipfrag.parse("SIP/2.0 603 Declined".getBytes())).isEqualTo(new Sipfrag(603, "Declined"));
        assertThat(Sipfrag.parse("garbage".getBytes())).isEqualTo(new Sipfrag(0, ""));
        assertThat(Sipfrag.parse(new byte[0])).isEqualTo(new Sipfrag(0, ""));
        assertThat(Sipfrag.parse("SIP/2.0 99x".getBytes())).isEqualTo(new Sipfrag(0, ""));
    }
}
