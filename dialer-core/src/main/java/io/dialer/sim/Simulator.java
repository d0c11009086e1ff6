package io.dialer.sim;

import gov.nist.javax.sip.message.SIPRequest;
import io.dialer.media.rtp.RtpEngine;
import io.dialer.media.rtp.RtpSettings;
import io.dialer.sip.transport.Endpoint;
import io.dialer.sip.transport.Transport;
import io.dialer.sip.transport.TransportSettings;
import io.dialer.sip.ua.InboundRequest;
import io.dialer.sip.ua.IncomingCall;
import io.dialer.sip.ua.SipSession;
import io.dialer.sip.ua.SipStack;
import io.dialer.sip.ua.StackSettings;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import javax.sip.address.SipURI;
import javax.sip.address.TelURL;
import javax.sip.address.URI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A carrier and callee in one, on our own SIP stack: every INVITE it
 * receives is played out as the {@link NumberPlan} says for the dialed
 * number (answer, busy, no answer, voicemail before answer, spam block, ...),
 * so a dialer or voice agent can be tested against every outcome without a
 * trunk. See docs/sim.md for the plan.
 *
 * <p>Answers carry a valid SDP (PCMU, PCMA, telephone-event) but no RTP
 * flows yet: media is not simulated.
 *
 * <p>Each simulator has its own stack; nothing is shared between two in one JVM.
 */
public final class Simulator implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Simulator.class);
    /** How long a referred call to a number that rings forever rings before the referral gives up. */
    private static final Duration REFER_RING_LIMIT = Duration.ofSeconds(30);

    /** The Server header of every response (RFC 3261 §20.35). */
    static final String SERVER = "dialer-sim";

    /* The m= port of each answer; nothing listens there yet (no RTP), but each call gets its own. */
    // Below Linux's ephemeral range (32768-60999), so the simulator's RTP never takes a port the
    // system hands out to other programs' sockets (or a test picked as free a moment earlier).
    private static final int FIRST_RTP_PORT = 30_000;
    private static final int RTP_PORTS = 2_700;

    private final SimSettings settings;
    private final SipStack stack;
    private final Consumer<SimCallReport> reports;
    private final DigestVerifier verifier;
    /** Each live call's SDP, to answer re-INVITE and UPDATE offers with (scheduler thread only). */
    private final Map<String, byte[]> sessions = new HashMap<>();
    private final Map<String, SimMedia> rtpSessions = new HashMap<>();
    private final RtpEngine rtp;
    private final AtomicBoolean closed = new AtomicBoolean();
    private long calls;

    private Simulator(SimSettings settings, Consumer<SimCallReport> reports) {
        this.settings = settings;
        this.reports = reports;
        TransportSettings transport = TransportSettings.defaults().withBindAddress(settings.host());
        for (Transport t : new Transport[] {Transport.UDP, Transport.TCP}) {
            transport = transport.withPort(t, settings.transports().contains(t) ? settings.port()
                    : TransportSettings.DISABLED);
        }
        this.stack = SipStack.start(StackSettings.defaults().withTransport(transport)
                .withOfferAnswer(this::answerOffer));
        // Its own RTP ports (30000-32699), apart from a dialer's on the same machine (20000-29999).
        this.rtp = new RtpEngine(new RtpSettings(settings.host(), FIRST_RTP_PORT, FIRST_RTP_PORT + RTP_PORTS - 1,
                true, 1, 10, Duration.ofSeconds(5), 8000));
        this.verifier = settings.credentials()
                .map(c -> new DigestVerifier(c, stack.scheduler()::nanoTime)).orElse(null);
        stack.userAgent().onIncomingCall(this::onInvite);
        stack.userAgent().handle("REFER", this::onRefer);
    }

    /** Starts a simulator with no one listening to its call reports. */
    public static Simulator start(SimSettings settings) {
        return start(settings, report -> { });
    }

    /**
     * Starts a simulator; {@code reports} gets one report per call when it is
     * over, on the simulator's scheduler thread (so it should not block).
     */
    public static Simulator start(SimSettings settings, Consumer<SimCallReport> reports) {
        return new Simulator(settings, reports);
    }

    /** Where the simulator listens on a transport. */
    public InetSocketAddress localAddress(Transport transport) {
        return stack.localAddress(transport);
    }

    /** The endpoint to send calls to over a transport. */
    public Endpoint endpoint(Transport transport) {
        return Endpoint.of(transport, localAddress(transport));
    }

    /** The port of the first transport listening (UDP when it is on). */
    public int port() {
        return localAddress(settings.transports().contains(Transport.UDP) ? Transport.UDP : Transport.TCP).getPort();
    }

    public SimSettings settings() {
        return settings;
    }

    /**
     * A REFER in an answered call (RFC 3515): accepted with 202, and the
     * referred call plays out by the number plan of the Refer-To number,
     * reported in NOTIFYs: 100 Trying, 180 Ringing where the plan rings, then
     * 200 OK for the answering codes or the plan's rejection (480 after a 181
     * forward; 487 after 30 s for a number that rings forever).
     */
    private void onRefer(InboundRequest refer) {
        if (refer.call().isEmpty()) {
            refer.respond(403, "REFER Outside A Call Not Supported");
            return;
        }
        if (!(refer.request().getHeader("Refer-To") instanceof javax.sip.header.ReferToHeader referTo)) {
            refer.respond(400, "Missing Refer-To");
            return;
        }
        String number = userPart(referTo.getAddress().getURI());
        Behaviour behaviour = NumberPlan.behaviourFor(number);
        refer.respond(202, "Accepted");
        SipSession call = refer.call().get();
        log.debug("call {}: REFER to {}: {}", call.callId(), number, behaviour.description());
        call.notifyReferral(100, "Trying", false);
        if (behaviour.ringingAtOnce() || behaviour.kind() == Behaviour.Kind.RING_FOREVER) {
            call.notifyReferral(180, "Ringing", false);
        }
        switch (behaviour.kind()) {
            case ANSWER_THEN_HANG_UP, ANSWER_THEN_WAIT, EARLY_MEDIA_THEN_ANSWER ->
                    stack.scheduler().schedule(() -> call.notifyReferral(200, "OK", true), behaviour.ring());
            case RING_FOREVER -> stack.scheduler().schedule(
                    () -> call.notifyReferral(487, "Request Terminated", true), REFER_RING_LIMIT);
            case FORWARD_THEN_UNAVAILABLE -> stack.scheduler().schedule(
                    () -> call.notifyReferral(480, "Temporarily Unavailable", true), behaviour.ring());
            default -> stack.scheduler().schedule(() -> call.notifyReferral(behaviour.finalStatus(),
                    behaviour.finalPhrase(), true), behaviour.ring());
        }
    }

    /** A new INVITE, on the scheduler thread. */
    private void onInvite(IncomingCall call) {
        long start = stack.scheduler().nanoTime();
        call.withResponseHeaders(Map.of("Server", SERVER));
        SIPRequest invite = call.request();
        String number = userPart(invite.getRequestURI());
        Behaviour behaviour = NumberPlan.behaviourFor(number);
        if (verifier != null && !authorized(call, number, behaviour, start)) {
            return;
        }
        calls++;
        Optional<SimMedia> media = SimMedia.answer(rtp, settings.host(), invite.getRawContent());
        media.ifPresent(m -> rtpSessions.put(call.callId(), m));
        byte[] sdp = media.map(SimMedia::sdp).orElseGet(() -> SimSdp.audio(settings.host(),
                FIRST_RTP_PORT + (int) (2 * calls % RTP_PORTS), stack.scheduler().nanoTime() & Long.MAX_VALUE, 1));
        log.debug("call {} to {}: {}", call.callId(), number, behaviour.description());
        sessions.put(call.callId(), sdp);
        new SimCall(call, behaviour, number, stack.scheduler(), settings.hold(), sdp, media.orElse(null), this::report)
                .start();
    }

    /**
     * A re-INVITE or UPDATE offer in a call (a session refresh, hold): answered
     * with the call's unchanged description, which keeps its o= version
     * (RFC 3264 §8).
     */
    private Optional<byte[]> answerOffer(String callId, byte[] offer) {
        return Optional.ofNullable(sessions.get(callId));
    }

    /** RFC 3261 §22.3: 407 with a challenge, 403 for wrong credentials. */
    private boolean authorized(IncomingCall call, String number, Behaviour behaviour, long start) {
        DigestVerifier.Verdict verdict = verifier.check(call.request());
        if (verdict instanceof DigestVerifier.Verdict.Challenge challenge) {
            call.reject(407, ResponseTable.phrase(407), Map.of("Proxy-Authenticate", challenge.proxyAuthenticate()));
            report(new SimCallReport(call.callId(), number, behaviour, 407, ResponseTable.phrase(407),
                    "challenged for credentials", elapsed(start)));
            return false;
        }
        if (verdict instanceof DigestVerifier.Verdict.Forbidden forbidden) {
            call.reject(403, ResponseTable.phrase(403), Map.of("Warning",
                    "399 " + SERVER + " \"" + forbidden.why() + "\""));
            report(new SimCallReport(call.callId(), number, behaviour, 403, ResponseTable.phrase(403),
                    forbidden.why(), elapsed(start)));
            return false;
        }
        return true;
    }

    private Duration elapsed(long startNanos) {
        return Duration.ofNanos(stack.scheduler().nanoTime() - startNanos);
    }

    private void report(SimCallReport report) {
        sessions.remove(report.callId());
        SimMedia media = rtpSessions.remove(report.callId());
        if (media != null) {
            media.close();
        }
        try {
            reports.accept(report);
        } catch (RuntimeException e) {
            // A listener's bug must not take the simulator's core thread down.
            log.warn("call report listener failed for call {}", report.callId(), e);
        }
    }

    /** The dialed number: a SIP URI's user part or a tel URI's number (RFC 3966), else empty. */
    private static String userPart(URI uri) {
        if (uri instanceof SipURI sip) {
            return Optional.ofNullable(sip.getUser()).orElse("");
        }
        if (uri instanceof TelURL tel) {
            return (tel.isGlobal() ? "+" : "") + tel.getPhoneNumber();
        }
        return "";
    }

    /** Stops listening and drops the calls in progress; closing again does nothing. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            stack.close();
            rtp.close();
        }
    }
}
