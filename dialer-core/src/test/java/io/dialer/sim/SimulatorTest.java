package io.dialer.sim;

import static org.assertj.core.api.Assertions.assertThat;

import gov.nist.javax.sip.message.SIPResponse;
import io.dialer.sip.auth.Credentials;
import io.dialer.sip.transport.Transport;
import io.dialer.sip.ua.CallEvent;
import io.dialer.sip.ua.InviteRequest;
import io.dialer.sip.ua.OutgoingCall;
import io.dialer.sip.ua.SipStack;
import io.dialer.sip.ua.StackSettings;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javax.sip.header.Header;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The simulator against our own stack's UAC, in one JVM. Requirements checked:
 * - code 200 over UDP and TCP: 200 with an SDP answer and Server: dialer-sim,
 *   then the callee's BYE after the hold time;
 * - code 486: 180 at once when R > 0, then 486 with the Q.850 Reason;
 * - code 181: 180, 181 with Diversion, then 480 with Diversion and History-Info;
 * - code 183: 183 with SDP, then 200;
 * - code 180: rings until our CANCEL, which gets 487;
 * - a number outside the plan: 404 with a Warning explaining the plan;
 * - with credentials: 407 is answered by the UAC and the call goes on;
 *   a wrong password gets 403;
 * - one report per call, naming the number, behaviour and final code.
 */
class SimulatorTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Duration HOLD = Duration.ofMillis(300);

    private SipStack caller;
    private final BlockingQueue<SimCallReport> reports = new LinkedBlockingQueue<>();

    /** A call's events, in order. */
    private static final class Events implements Consumer<CallEvent> {
        private final BlockingQueue<CallEvent> queue = new LinkedBlockingQueue<>();

        @Override
        public void accept(CallEvent event) {
            queue.add(event);
        }

        /**
         * The next event of a kind. Repeated provisionals are skipped: a UAC hands up
         * every 1xx, retransmissions to a retransmitted INVITE included (RFC 3261 §17.1.1.2).
         */
        <T extends CallEvent> T next(Class<T> type) throws InterruptedException {
            while (true) {
                CallEvent e = queue.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
                assertThat(e).as("an event within %s", WAIT).isNotNull();
                if (e instanceof CallEvent.Provisional && type != CallEvent.Provisional.class) {
                    continue;
                }
                assertThat(e).as("the next event").isInstanceOf(type);
                return type.cast(e);
            }
        }

        /** Nothing but repeated provisionals happens for this long. */
        void quietFor(Duration d) throws InterruptedException {
            long end = System.nanoTime() + d.toNanos();
            for (long left = d.toNanos(); left > 0; left = end - System.nanoTime()) {
                CallEvent e = queue.poll(left, TimeUnit.NANOSECONDS);
                assertThat(e == null || e instanceof CallEvent.Provisional).as("no event but %s", e).isTrue();
            }
        }

        /** The next provisional with this status, skipping repeats of earlier ones. */
        SIPResponse provisional(int status) throws InterruptedException {
            while (true) {
                SIPResponse r = next(CallEvent.Provisional.class).response();
                if (r.getStatusCode() == status) {
                    return r;
                }
            }
        }
    }

    @BeforeEach
    void startCaller() {
        caller = SipStack.start(StackSettings.defaults());
    }

    @AfterEach
    void stopCaller() {
        caller.close();
    }

    private Simulator sim(SimSettings settings) {
        return Simulator.start(settings.withHold(HOLD), reports::add);
    }

    private OutgoingCall dial(Simulator sim, Transport transport, String number, Events events) {
        return dial(sim, transport, number, events, null);
    }

    private OutgoingCall dial(Simulator sim, Transport transport, String number, Events events, Credentials creds) {
        InviteRequest request = InviteRequest.to("sip:" + number + "@127.0.0.1:" + sim.localAddress(transport).getPort(),
                "sip:+12025550100@127.0.0.1", sim.endpoint(transport));
        if (creds != null) {
            request = request.withCredentials(creds);
        }
        return caller.userAgent().invite(request, events);
    }

    private static String header(SIPResponse response, String name) {
        Header h = response.getHeader(name);
        return h == null ? null : h.toString().trim();
    }

    private SimCallReport report() throws InterruptedException {
        SimCallReport r = reports.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(r).as("a call report within %s", WAIT).isNotNull();
        return r;
    }

    @ParameterizedTest
    @EnumSource(value = Transport.class, names = {"UDP", "TCP"})
    void answeredCallIsHungUpByTheCalleeAfterTheHoldTime(Transport transport) throws Exception {
        try (Simulator sim = sim(SimSettings.defaults())) {
            Events events = new Events();
            dial(sim, transport, "+12025550200", events);
            SIPResponse ok = events.next(CallEvent.Answered.class).response();
            assertThat(ok.getStatusCode()).isEqualTo(200);
            assertThat(header(ok, "Server")).isEqualTo("Server: dialer-sim");
            String sdp = new String(ok.getRawContent(), StandardCharsets.US_ASCII);
            assertThat(sdp).startsWith("v=0\r\n").contains("c=IN IP4 127.0.0.1\r\n")
                    .containsPattern("m=audio \\d+ RTP/AVP 0 8 101\r\n").contains("a=rtpmap:101 telephone-event/8000");
            long answeredAt = System.nanoTime();
            assertThat(events.next(CallEvent.Ended.class).cause()).isEqualTo(CallEvent.EndCause.REMOTE_BYE);
            assertThat(Duration.ofNanos(System.nanoTime() - answeredAt)).isGreaterThanOrEqualTo(HOLD.minusMillis(50));
            SimCallReport r = report();
            assertThat(r.number()).isEqualTo("+12025550200");
            assertThat(r.finalStatus()).isEqualTo(200);
            assertThat(r.ending()).isEqualTo("callee hung up");
            assertThat(r.line()).contains("+12025550200").contains("-> 200 OK");
        }
    }

    @Test
    void busyRingsThenRejectsWithTheQ850Cause() throws Exception {
        try (Simulator sim = sim(SimSettings.defaults())) {
            Events events = new Events();
            dial(sim, Transport.UDP, "+12025551486", events);
            events.provisional(180);
            long ringingAt = System.nanoTime();
            SIPResponse busy = events.next(CallEvent.Rejected.class).response();
            assertThat(Duration.ofNanos(System.nanoTime() - ringingAt)).isGreaterThan(Duration.ofMillis(800));
            assertThat(busy.getStatusCode()).isEqualTo(486);
            assertThat(busy.getReasonPhrase()).isEqualTo("Busy Here");
            assertThat(header(busy, "Reason")).isEqualTo("Reason: Q.850;cause=17;text=\"User busy\"");
            assertThat(header(busy, "Server")).isEqualTo("Server: dialer-sim");
            assertThat(report().finalStatus()).isEqualTo(486);
        }
    }

    @Test
    void forwardedToVoicemailBeforeAnswer() throws Exception {
        try (Simulator sim = sim(SimSettings.defaults())) {
            Events events = new Events();
            dial(sim, Transport.UDP, "+12025550181", events);
            events.provisional(180);
            SIPResponse forwarded = events.provisional(181);
            assertThat(forwarded.getReasonPhrase()).isEqualTo("Call Is Being Forwarded");
            assertThat(header(forwarded, "Diversion"))
                    .isEqualTo("Diversion: <sip:+12025550181@sim>;reason=no-answer;counter=1");
            SIPResponse unavailable = events.next(CallEvent.Rejected.class).response();
            assertThat(unavailable.getStatusCode()).isEqualTo(480);
            assertThat(header(unavailable, "Diversion")).contains("reason=no-answer");
            assertThat(header(unavailable, "History-Info")).contains("index=1.1").contains(";cause=480");
            assertThat(report().behaviour().kind()).isEqualTo(Behaviour.Kind.FORWARD_THEN_UNAVAILABLE);
        }
    }

    @Test
    void ringingThenAnswerThenTheCalleesByeReachesTheCaller() throws Exception {
        try (Simulator sim = sim(SimSettings.defaults())) {
            Events events = new Events();
            dial(sim, Transport.UDP, "+12025551200", events);
            events.provisional(180);
            events.next(CallEvent.Answered.class);
            assertThat(events.next(CallEvent.Ended.class).cause()).isEqualTo(CallEvent.EndCause.REMOTE_BYE);
            assertThat(report().ending()).isEqualTo("callee hung up");
        }
    }

    @Test
    void code201WaitsForTheCallersByeAndAnswersReInvites() throws Exception {
        try (Simulator sim = sim(SimSettings.defaults())) {
            Events events = new Events();
            OutgoingCall call = dial(sim, Transport.TCP, "+12025550201", events);
            byte[] answer = events.next(CallEvent.Answered.class).response().getRawContent();
            CompletableFuture<SIPResponse> reinvite = new CompletableFuture<>();
            byte[] offer = ("v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
                    + "m=audio 40100 RTP/AVP 0\r\n").getBytes(StandardCharsets.US_ASCII);
            call.reinvite(offer, reinvite::complete);
            SIPResponse ok = reinvite.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(ok.getStatusCode()).isEqualTo(200);
            assertThat(ok.getRawContent()).as("the session is unchanged (RFC 3264 §8)").isEqualTo(answer);
            events.quietFor(HOLD.multipliedBy(2)); // no BYE from the callee after the hold time
            assertThat(reports).isEmpty();
            call.hangup();
            assertThat(events.next(CallEvent.Ended.class).cause()).isEqualTo(CallEvent.EndCause.LOCAL_BYE);
            SimCallReport r = report();
            assertThat(r.behaviour().kind()).isEqualTo(Behaviour.Kind.ANSWER_THEN_WAIT);
            assertThat(r.ending()).isEqualTo("caller hung up");
        }
    }

    @Test
    void earlyMediaThenAnswer() throws Exception {
        try (Simulator sim = sim(SimSettings.defaults())) {
            Events events = new Events();
            dial(sim, Transport.UDP, "+12025551183", events);
            SIPResponse progress = events.provisional(183);
            assertThat(new String(progress.getRawContent(), StandardCharsets.US_ASCII)).contains("m=audio ");
            assertThat(events.next(CallEvent.Answered.class).response().getRawContent())
                    .isEqualTo(progress.getRawContent());
            assertThat(events.next(CallEvent.Ended.class).cause()).isEqualTo(CallEvent.EndCause.REMOTE_BYE);
        }
    }

    @Test
    void ringsUntilCanceledThen487() throws Exception {
        try (Simulator sim = sim(SimSettings.defaults())) {
            Events events = new Events();
            OutgoingCall call = dial(sim, Transport.UDP, "+12025550180", events);
            events.provisional(180);
            call.cancel();
            SIPResponse terminated = events.next(CallEvent.Rejected.class).response();
            assertThat(terminated.getStatusCode()).isEqualTo(487);
            SimCallReport r = report();
            assertThat(r.finalStatus()).isEqualTo(487);
            assertThat(r.ending()).isEqualTo("caller canceled");
        }
    }

    @Test
    void numberOutsideThePlanGets404WithAWarning() throws Exception {
        try (Simulator sim = sim(SimSettings.defaults())) {
            Events events = new Events();
            dial(sim, Transport.TCP, "+12025550999", events);
            SIPResponse notFound = events.next(CallEvent.Rejected.class).response();
            assertThat(notFound.getStatusCode()).isEqualTo(404);
            assertThat(header(notFound, "Warning")).startsWith("Warning: 399 dialer-sim \"")
                    .contains("number plan: last 4 digits RCCC");
            assertThat(report().behaviour().kind()).isEqualTo(Behaviour.Kind.NOT_IN_PLAN);
        }
    }

    @Test
    void credentialsAreChallengedAndChecked() throws Exception {
        try (Simulator sim = sim(SimSettings.defaults().withCredentials(Credentials.of("alice", "s3cret")))) {
            Events events = new Events();
            dial(sim, Transport.UDP, "+12025550486", events, Credentials.of("alice", "s3cret"));
            assertThat(events.next(CallEvent.Rejected.class).response().getStatusCode())
                    .as("the UAC answered the 407; the sim went on to its plan").isEqualTo(486);
            assertThat(report().finalStatus()).isEqualTo(407);
            assertThat(report().finalStatus()).isEqualTo(486);

            Events wrong = new Events();
            dial(sim, Transport.UDP, "+12025550200", wrong, Credentials.of("alice", "guess"));
            SIPResponse forbidden = wrong.next(CallEvent.Rejected.class).response();
            assertThat(forbidden.getStatusCode()).isEqualTo(403);
            assertThat(report().finalStatus()).isEqualTo(407);
            assertThat(report().ending()).isEqualTo("wrong username or password");

            Events none = new Events();
            dial(sim, Transport.UDP, "+12025550200", none);
            CallEvent.Failed failed = none.next(CallEvent.Failed.class);
            assertThat(failed.failure().toString()).contains("407");
        }
    }
}
