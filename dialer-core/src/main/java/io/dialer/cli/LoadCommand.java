package io.dialer.cli;

import io.dialer.core.Call;
import io.dialer.core.DialRequest;
import io.dialer.core.Dialer;
import io.dialer.core.DialerConfig;
import io.dialer.core.DisconnectionReason;
import io.dialer.core.EventType;
import io.dialer.core.TrunkConfig;
import io.dialer.sip.message.MessageDecoder;
import io.dialer.sip.transport.Endpoint;
import io.dialer.sip.transport.Transport;
import io.dialer.sip.ua.CallEvent;
import io.dialer.sip.ua.InviteRequest;
import io.dialer.sip.ua.OutgoingCall;
import io.dialer.sip.ua.SipStack;
import io.dialer.sip.ua.StackSettings;

import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code dialer load}: places calls at a fixed rate against a callee on this
 * machine (INVITE, 180, 200, ACK, then BYE at once) and reports calls per
 * second reached, failed calls and CPU per call, after an uncounted warm-up
 * that ramps up to the rate. Used by
 * {@code scripts/bench/cps.sh} side by side with SIPp as UAC.
 */
@Command(name = "load", description = "Call a local callee at a fixed rate and report throughput and CPU per call.")
final class LoadCommand implements java.util.concurrent.Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--target", required = true, paramLabel = "HOST:PORT",
            description = "The callee, e.g. 127.0.0.1:5080 (loopback only).")
    String target;

    @Option(names = "--rate", defaultValue = "100", description = "New calls per second (default: ${DEFAULT-VALUE}).")
    int rate;

    @Option(names = "--calls", defaultValue = "1000", description = "Calls to place (default: ${DEFAULT-VALUE}).")
    int calls;

    @Option(names = "--transport", defaultValue = "udp", description = "udp or tcp (default: ${DEFAULT-VALUE}).")
    String transport;

    @Option(names = "--warmup", defaultValue = "10s", converter = DurationConverter.class,
            description = "Ramp up to the rate over this time first, uncounted (default: ${DEFAULT-VALUE}; 0s for none).")
    Duration warmup;

    @Option(names = "--via", defaultValue = "dialer",
            description = "dialer: through the full Dialer API (limits, lifecycle, records, events); "
                    + "stack: the SIP stack's UA alone (default: ${DEFAULT-VALUE}).")
    String via;

    private static final int WARMUP_STEPS = 5;

    @Override
    public Integer call() throws Exception {
        if (rate <= 0 || calls <= 0) {
            throw new ParameterException(spec.commandLine(), "--rate and --calls must be positive");
        }
        String[] hp = target.split(":");
        if (hp.length != 2) {
            throw new ParameterException(spec.commandLine(), "--target '" + target + "' must be HOST:PORT");
        }
        InetSocketAddress address = new InetSocketAddress(hp[0], Integer.parseInt(hp[1]));
        if (!address.getAddress().isLoopbackAddress()) {
            throw new ParameterException(spec.commandLine(), "--target must be a loopback address: load tests stay on this machine");
        }
        Transport t;
        try {
            t = Transport.parse(transport);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--transport: " + e.getMessage());
        }
        if (!via.equals("dialer") && !via.equals("stack")) {
            throw new ParameterException(spec.commandLine(), "--via must be dialer or stack, not '" + via + "'");
        }
        PrintWriter out = spec.commandLine().getOut();
        try (Placer stack = via.equals("stack") ? new StackPlacer(Endpoint.of(t, address), target)
                : new DialerPlacer(t, target)) {
            if (!warmup.isZero()) {
                // The JVM compiles its hot paths in the first seconds; at full rate a cold stack
                // answers late and the peer retransmits. Ramp up to the rate first, uncounted.
                Result warm = new Result();
                long stepNanos = warmup.toNanos() / WARMUP_STEPS;
                for (int step = 1; step <= WARMUP_STEPS; step++) {
                    int stepRate = Math.max(1, rate * (2 * step - 1) / (2 * WARMUP_STEPS));
                    place(stack, stepRate, (int) (stepRate * stepNanos / 1_000_000_000L), warm);
                }
                warm.await();
                out.printf("warm-up: %d calls ramped to %d/s over %s, %d failed%n", warm.placed, rate,
                        warmup.toSeconds() + "s", warm.failed.get());
            }
            Result result = new Result();
            long cpuStart = processCpuNanos();
            long start = System.nanoTime();
            place(stack, rate, calls, result);
            long sentNanos = System.nanoTime() - start;
            boolean finished = result.await();
            long elapsed = System.nanoTime() - start;
            long cpu = processCpuNanos() - cpuStart;
            long lost = calls - result.succeeded.get() - result.failed.get();
            out.printf("calls=%d succeeded=%d failed=%d unfinished=%d offered_cps=%.1f elapsed_s=%.2f cpu_s=%.2f"
                            + " cpu_ms_per_1000_calls=%.1f%n",
                    calls, result.succeeded.get(), result.failed.get(), finished ? 0 : lost,
                    calls / (sentNanos / 1e9), elapsed / 1e9, cpu / 1e9, cpu / 1e6 / (calls / 1000.0));
            result.failures.forEach((why, count) -> out.printf("  failed %d: %s%n", count, why));
            out.printf("  via %s; messages decoded=%d rejected=%d dropped=%d%n", via, stack.decoder().decoded(),
                    stack.decoder().rejected(), stack.decoder().dropped());
            out.flush();
            return result.failed.get() == 0 && finished ? 0 : 1;
        }
    }

    /** Places {@code count} calls at {@code perSecond}, each hung up as soon as it is answered. */
    private static void place(Placer placer, int perSecond, int count, Result result) throws InterruptedException {
        long start = System.nanoTime();
        long intervalNanos = 1_000_000_000L / perSecond;
        for (int i = 0; i < count; i++) {
            long wait = start + i * intervalNanos - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            result.placed++;
            placer.place(result);
        }
    }

    /** One way of placing a call that is hung up at answer. */
    private interface Placer extends AutoCloseable {
        void place(Result result);

        MessageDecoder decoder();

        @Override
        void close();
    }

    /** Calls through the SIP stack's user agent alone: the floor the Dialer API adds to. */
    private static final class StackPlacer implements Placer {
        private final SipStack stack = SipStack.start(StackSettings.defaults());
        private final InviteRequest request;

        StackPlacer(Endpoint endpoint, String target) {
            this.request = InviteRequest.to("sip:load@" + target, "sip:dialer@127.0.0.1", endpoint);
        }

        @Override
        public void place(Result result) {
            // The answer can arrive before invite() returns: hang up through a future.
            CompletableFuture<OutgoingCall> ref = new CompletableFuture<>();
            ref.complete(stack.userAgent().invite(request, event -> {
                if (event instanceof CallEvent.Provisional) {
                    return;
                }
                if (event instanceof CallEvent.Answered) {
                    ref.thenAccept(OutgoingCall::hangup);
                    return;
                }
                boolean ok = event instanceof CallEvent.Ended e
                        && e.byeResponse() != null && e.byeResponse().getStatusCode() == 200;
                result.record(ok, outcome(event));
            }));
        }

        @Override
        public MessageDecoder decoder() {
            return stack.decoder();
        }

        @Override
        public void close() {
            stack.close();
        }
    }

    /** Calls through the full Dialer API: validation, limits, lifecycle, classification, records and events. */
    private static final class DialerPlacer implements Placer {
        private final Dialer dialer;

        DialerPlacer(Transport transport, String target) {
            TrunkConfig trunk = TrunkConfig.of("load", "sip:" + target).withTransport(transport);
            // Signalling only, like the SIPp UAC it is compared with: no SDP offer, no RTP.
            dialer = Dialer.start(DialerConfig.builder().trunk(trunk).media(null).build());
            dialer.addListener(event -> {
                if (event.type() == EventType.CALL_STARTED) {
                    dialer.call(event.record().callId()).ifPresent(Call::hangup);
                }
            });
        }

        @Override
        public void place(Result result) {
            dialer.dial(DialRequest.to("+12025550201")).completion().thenAccept(r -> {
                boolean ok = r.disconnectionReason() == DisconnectionReason.AGENT_HANGUP;
                result.record(ok, r.disconnectionReason().wireName() + ": "
                        + r.explanation().replaceAll("127\\.0\\.0\\.1:\\d+", "127.0.0.1"));
            });
        }

        @Override
        public MessageDecoder decoder() {
            return dialer.decoder();
        }

        @Override
        public void close() {
            dialer.close();
        }
    }

    /** Outcomes of a batch of calls. */
    private static final class Result {
        final Map<String, Integer> failures = new ConcurrentHashMap<>();
        final AtomicLong succeeded = new AtomicLong();
        final AtomicLong failed = new AtomicLong();
        final AtomicLong ended = new AtomicLong();
        int placed;

        void record(boolean ok, String why) {
            if (ok) {
                succeeded.incrementAndGet();
            } else {
                failed.incrementAndGet();
                failures.merge(why, 1, Integer::sum);
            }
            synchronized (this) {
                ended.incrementAndGet();
                notifyAll();
            }
        }

        /** Waits up to 60 s (longer than Timer B and F) for every placed call to end. */
        synchronized boolean await() throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (ended.get() < placed) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
            return true;
        }
    }

    private static String outcome(CallEvent event) {
        if (event instanceof CallEvent.Rejected r) {
            return r.response().getStatusCode() + " " + r.response().getReasonPhrase();
        } else if (event instanceof CallEvent.Failed f) {
            return f.failure().describe().replaceAll("127\\.0\\.0\\.1:\\d+", "127.0.0.1");
        } else if (event instanceof CallEvent.Ended e) {
            return "ended " + e.cause() + (e.failure() != null ? ": " + e.failure().describe() : "");
        }
        return event.toString();
    }

    private static long processCpuNanos() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            return sun.getProcessCpuTime();
        }
        return 0;
    }
}
