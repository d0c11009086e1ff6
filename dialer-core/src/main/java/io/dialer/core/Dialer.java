package io.dialer.core;

import io.dialer.core.outcome.OutcomeClassifier;
import io.dialer.core.trace.CallTraces;
import io.dialer.media.rtp.RtpEngine;
import io.dialer.media.rtp.RtpSettings;
import io.dialer.sip.transaction.Scheduler;
import io.dialer.sip.transport.Transport;
import io.dialer.sip.transport.TlsSettings;
import io.dialer.sip.ua.InviteRequest;
import io.dialer.sip.ua.SipStack;
import io.dialer.sip.ua.StackSettings;
import io.dialer.sip.ua.UserAgent;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The embedded dialer: places outbound calls through its trunks and tells
 * how each one went. One {@code Dialer} owns one SIP stack; close it when done.
 *
 * <pre>{@code
 * DialerConfig config = DialerConfig.builder()
 *         .trunk(TrunkConfig.of("default", "sip:127.0.0.1:5062").withCallerId("+12025550100", CallerIdPolicy.defaults()))
 *         .build();
 * try (Dialer dialer = Dialer.start(config)) {
 *     Call call = dialer.dial(DialRequest.to("+12025550486"), event -> System.out.println(event));
 *     CallRecord record = call.completion().toCompletableFuture().join();
 *     System.out.println(record.disconnectionReason().wireName() + ": " + record.explanation());
 * }
 * }</pre>
 *
 * <p>Thread-safe: {@link #dial} and every {@link Call} method may be called
 * from any thread. Events reach listeners in order on one event thread.
 */
public final class Dialer implements AutoCloseable {

    private final DialerConfig config;
    private final SipStack stack;
    private final EventDispatcher events = new EventDispatcher();
    private final OutcomeClassifier classifier = new OutcomeClassifier();
    private final Map<String, TrunkLimiter> limiters = new HashMap<>();
    private final Map<String, Call> active = new ConcurrentHashMap<>();
    private final CallTraces traces = new CallTraces();
    private final RtpEngine rtp;
    private final DestinationCache destinations;
    private final SecureRandom random = new SecureRandom();
    private final Clock clock;

    private Dialer(DialerConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
        this.stack = SipStack.start(withTrunkCas(config).withMessageTap(traces));
        this.rtp = config.media().map(RtpEngine::new).orElse(null);
        this.destinations = new DestinationCache(config.defaultRegion());
        for (TrunkConfig trunk : config.trunks().values()) {
            limiters.put(trunk.name(), new TrunkLimiter(stack.scheduler(), trunk.maxConcurrent(), trunk.maxCps()));
        }
    }

    /** Starts the SIP stack (binding its ports) and returns a dialer ready to dial. */
    public static Dialer start(DialerConfig config) {
        return new Dialer(config, Clock.systemUTC());
    }

    /** Adds a listener for the events of every call this dialer places. */
    public void addListener(CallListener listener) {
        events.addGlobal(listener);
    }

    /** Places a call; see {@link #dial(DialRequest, CallListener)}. */
    public Call dial(DialRequest request) {
        return dial(request, null);
    }

    /**
     * Places a call. A destination that fails validation does not throw: the
     * call ends at once {@code not_connected / invalid_destination}, with
     * events, like any other call that did not connect.
     *
     * @param listener this call's events (in addition to the dialer's listeners), or null
     * @throws IllegalArgumentException for a request the dialer cannot take at all:
     *         an unknown trunk, or a caller ID that is not a number or SIP user
     */
    public Call dial(DialRequest request, CallListener listener) {
        TrunkConfig trunk = request.trunk() == null ? config.defaultTrunk() : config.trunks().get(request.trunk());
        if (trunk == null) {
            throw new IllegalArgumentException("no trunk named '" + request.trunk() + "' (have: "
                    + String.join(", ", config.trunks().keySet()) + ")");
        }
        String fromText = request.from() != null ? request.from() : trunk.callerId() != null ? trunk.callerId() : "dialer";
        CallerId from = CallerId.parse(fromText, config.defaultRegion());
        CallTimers timers = request.timers() != null ? request.timers() : config.timers();
        String callId = "call_" + HexFormat.of().formatHex(randomBytes(10));
        UserAgent ua = stack.userAgent();
        String sipCallId = ua.newCallId();
        CallSetup setup;
        try {
            Destination destination = destinations.parse(request.to());
            setup = new CallSetup(callId, sipCallId, destination.text(), from.user(), trunk, timers,
                    invite(destination, from, trunk), null, request.pcap(), request.play(), request.listen(), "outbound", request.amd());
        } catch (Destination.InvalidDestinationException e) {
            setup = new CallSetup(callId, null, request.to(), from.user(), trunk, timers, null, e.getMessage(),
                    request.pcap(), null, null, "outbound", AmdPolicy.off());
        }
        OutboundCall call = new OutboundCall(setup, context(trunk), listener);
        active.put(callId, call);
        stack.scheduler().execute(call::start);
        return call;
    }

    /**
     * Takes the calls the dialer receives (issue 7): each INVITE outside a dialog
     * becomes an {@link InboundOffer} handed to {@code handler} on the event thread,
     * to answer, reject or redirect. Without a handler, calls are refused with 480.
     * A handler that throws refuses the call with 500.
     */
    public void onIncomingCall(java.util.function.Consumer<InboundOffer> handler) {
        stack.userAgent().onIncomingCall(sipCall -> {
            gov.nist.javax.sip.message.SIPRequest invite = sipCall.request();
            String caller = userOf(invite.getFrom().getAddress().getURI());
            String called = userOf(invite.getRequestURI());
            String direction = config.directionHeader()
                    .map(invite::getHeader)
                    .map(h -> h.toString().substring(h.toString().indexOf(':') + 1).strip().toLowerCase(java.util.Locale.ROOT))
                    .filter(v -> !v.isEmpty())
                    .orElse("inbound");
            TrunkConfig trunk = config.defaultTrunk();
            String callId = "call_" + HexFormat.of().formatHex(randomBytes(10));
            CallSetup setup = new CallSetup(callId, invite.getCallId().getCallId(), caller, called, trunk,
                    config.timers(), null, null, null, null, null, direction, AmdPolicy.off());
            InboundCall call = new InboundCall(sipCall, setup, context(trunk));
            active.put(callId, call);
            events.after(() -> {
                try {
                    handler.accept(call);
                } catch (RuntimeException e) {
                    call.reject(500, "Server Internal Error");
                }
            });
        });
    }

    private static String userOf(javax.sip.address.URI uri) {
        if (uri instanceof javax.sip.address.SipURI sip && sip.getUser() != null) {
            return sip.getUser();
        }
        return uri.toString();
    }

    /** A call this dialer is still running, by its id. */
    public Optional<Call> call(String callId) {
        return Optional.ofNullable(active.get(callId));
    }

    /** How many calls are in progress (waiting for a limit, dialing, ringing or active). */
    public int activeCalls() {
        return active.size();
    }

    /** The SIP stack's thread, where call state lives (for the media layer's hooks). */
    Scheduler scheduler() {
        return stack.scheduler();
    }

    /** The address the SIP stack listens on for a transport. */
    public InetSocketAddress localAddress(Transport transport) {
        return stack.localAddress(transport);
    }

    /** The SIP stack's message counters (decoded, rejected, dropped), for metrics. */
    public io.dialer.sip.message.MessageDecoder decoder() {
        return stack.decoder();
    }

    public DialerConfig config() {
        return config;
    }

    /** Cancels or hangs up every call still in progress, then stops the stack. */
    @Override
    public void close() {
        for (Call call : active.values()) {
            call.hangup();
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!active.isEmpty() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        stack.close();
        if (rtp != null) {
            rtp.close();
        }
        events.close();
    }

    private InviteRequest invite(Destination destination, CallerId from, TrunkConfig trunk) {
        TrunkAddress address = trunk.address();
        String requestUri = destination.sipUri() ? destination.text() : "sip:" + destination.text() + "@" + address.hostPort();
        String host = address.host().contains(":") ? "[" + address.host() + "]" : address.host();
        return new InviteRequest(requestUri, from.fromUri(host), null,
                address.explicitTransport() || !address.literalEndpoints().isEmpty() ? address.transport() : null,
                destination.sipUri() ? java.util.List.of() : address.literalEndpoints(), null,
                trunk.credentials(), from.headers(host, trunk.callerIdPolicy()));
    }

    private OutboundCall.CallContext context(TrunkConfig trunk) {
        TrunkLimiter limiter = limiters.get(trunk.name());
        return new OutboundCall.CallContext() {
            @Override
            public Scheduler scheduler() {
                return stack.scheduler();
            }

            @Override
            public UserAgent userAgent() {
                return stack.userAgent();
            }

            @Override
            public TrunkLimiter limiter() {
                return limiter;
            }

            @Override
            public OutcomeClassifier classifier() {
                return classifier;
            }

            @Override
            public EventDispatcher events() {
                return events;
            }

            @Override
            public CallTraces traces() {
                return traces;
            }

            @Override
            public RtpEngine rtp() {
                return rtp;
            }

            @Override
            public java.net.InetAddress mediaAddress() {
                return config.media().map(RtpSettings::bindAddress).orElse(null);
            }

            @Override
            public Clock clock() {
                return clock;
            }

            @Override
            public Optional<Duration> preconnectMinRing() {
                return config.preconnectMinRing();
            }

            @Override
            public String defaultRegion() {
                return config.defaultRegion();
            }

            @Override
            public Call dialLeg(DialRequest request, CallListener listener) {
                return dial(request, listener);
            }

            @Override
            public void onFinished(Call call) {
                active.remove(call.id());
            }
        };
    }

    private byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    /** A trunk's CA file joins the stack's TLS trust (TlsSettings#withTrunkCaFile). */
    private static StackSettings withTrunkCas(DialerConfig config) {
        StackSettings stack = config.stack();
        TlsSettings tls = stack.transport().tls();
        boolean changed = false;
        for (TrunkConfig t : config.trunks().values()) {
            if (t.caFile() != null) {
                tls = (tls == null ? TlsSettings.defaults() : tls).withTrunkCaFile(t.address().host(), t.caFile());
                changed = true;
            }
        }
        return changed ? stack.withTransport(stack.transport().withTls(tls)) : stack;
    }
}
