package io.dialer.cli;

import io.dialer.core.Call;
import io.dialer.core.CallRecord;
import io.dialer.core.CallTimers;
import io.dialer.core.CallerIdPolicy;
import io.dialer.core.DialRequest;
import io.dialer.core.Dialer;
import io.dialer.core.DialerConfig;
import io.dialer.core.EventType;
import io.dialer.core.TransferRequest;
import io.dialer.core.TrunkConfig;
import io.dialer.sim.SimSettings;
import io.dialer.sim.Simulator;
import io.dialer.sip.transport.Transport;
import java.io.PrintWriter;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code dialer demo}: starts the simulator in-process, dials a mix of numbers
 * covering every behaviour of its plan a few calls at a time, shows progress,
 * and prints the outcome table. Needs no trunk and no network: all on 127.0.0.1.
 * Exit 0 when every call ended as the number plan says, 1 otherwise.
 */
@Command(name = "demo", description = "Dial the built-in simulator and show how every kind of call ends.")
final class DemoCommand implements java.util.concurrent.Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--calls", defaultValue = "200", description = "Calls to place (default: ${DEFAULT-VALUE}).")
    int calls;

    @Option(names = "--concurrency", defaultValue = "10",
            description = "Calls up at once through the simulator trunk (default: ${DEFAULT-VALUE}).")
    int concurrency;

    @Override
    public Integer call() throws Exception {
        if (calls < 2) {
            throw new ParameterException(spec.commandLine(), "--calls must be at least 2, got " + calls);
        }
        if (concurrency < 1 || concurrency > 500) {
            throw new ParameterException(spec.commandLine(), "--concurrency must be 1-500, got " + concurrency);
        }
        PrintWriter out = spec.commandLine().getOut();
        List<DemoScenario> plan = plan();
        ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "demo-actions");
            t.setDaemon(true);
            return t;
        });
        try (Simulator sim = Simulator.start(SimSettings.defaults().withHold(Duration.ofSeconds(1))
                .withTransports(java.util.EnumSet.of(Transport.UDP)));
             Dialer dialer = Dialer.start(config(sim.port()))) {
            out.printf("dialer demo: simulator on udp 127.0.0.1:%d; %d calls, %d at a time%n", sim.port(), plan.size(),
                    concurrency);
            out.flush();
            Progress progress = new Progress(out, plan.size());
            List<CompletableFuture<CallRecord>> records = new ArrayList<>();
            for (DemoScenario scenario : plan) {
                records.add(place(dialer, scenario, timers, progress));
            }
            CompletableFuture.allOf(records.toArray(CompletableFuture[]::new)).get(10, TimeUnit.MINUTES);
            progress.done();
            List<CallRecord> done = records.stream().map(CompletableFuture::join).toList();
            OutcomeTable table = new OutcomeTable(done);
            table.print(out);
            List<String> wrong = mismatches(plan, done);
            if (wrong.isEmpty()) {
                out.printf("%nAll %d calls ended as the simulator's number plan says (docs/sim.md).%n", done.size());
            } else {
                out.printf("%n%d calls ended differently from the number plan:%n", wrong.size());
                wrong.forEach(w -> out.println("  " + w));
            }
            out.flush();
            return wrong.isEmpty() ? 0 : 1;
        } finally {
            timers.shutdownNow();
        }
    }

    private List<DemoScenario> plan() {
        List<DemoScenario> cycle = DemoScenario.cycle();
        List<DemoScenario> plan = new ArrayList<>(DemoScenario.limitPair());
        for (int i = 0; plan.size() < calls; i++) {
            plan.add(cycle.get(i % cycle.size()));
        }
        return plan.subList(0, calls);
    }

    private DialerConfig config(int simPort) throws java.io.IOException {
        int closedPort;
        try (DatagramSocket probe = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            closedPort = probe.getLocalPort(); // nobody listens once closed: ICMP port unreachable
        }
        CallerIdPolicy pai = CallerIdPolicy.defaults();
        return DialerConfig.builder()
                .trunk(TrunkConfig.of(DemoScenario.SIM, "sip:127.0.0.1:" + simPort)
                        .withCallerId("+12025550100", pai).withLimits(concurrency, 0, Duration.ofMinutes(10)))
                .trunk(TrunkConfig.of(DemoScenario.LIMITED, "sip:127.0.0.1:" + simPort)
                        .withCallerId("+12025550100", pai).withLimits(1, 0, Duration.ZERO))
                .trunk(TrunkConfig.of(DemoScenario.DEAD, "sip:127.0.0.1:" + closedPort)
                        .withCallerId("+12025550100", pai))
                .timers(CallTimers.defaults().withRingTimeout(Duration.ofSeconds(4)))
                .preconnectMinRing(Duration.ofSeconds(2))
                .build();
    }

    private static CompletableFuture<CallRecord> place(Dialer dialer, DemoScenario s, ScheduledExecutorService timers,
                                                       Progress progress) {
        CompletableFuture<Call> placed = new CompletableFuture<>();
        DialRequest request = DialRequest.to(s.number()).viaTrunk(s.trunk());
        if (s.action() == DemoScenario.Action.MAX_DURATION) {
            request = request.withTimers(dialer.config().timers().withMaxDuration(s.after()));
        }
        Call call = dialer.dial(request, event -> {
            boolean answered = event.type() == EventType.CALL_STARTED;
            boolean ringing = event.type() == EventType.CALL_STATE_CHANGED && "ringing".equals(event.state());
            if (answered && (s.action() == DemoScenario.Action.HANGUP || s.action() == DemoScenario.Action.HANGUP_IVR)) {
                timers.schedule(() -> placed.thenAccept(c -> c.hangup(s.hangupReason())), s.after().toMillis(),
                        TimeUnit.MILLISECONDS);
            } else if (answered && s.action() == DemoScenario.Action.TRANSFER) {
                timers.schedule(() -> placed.thenAccept(c -> c.transfer(TransferRequest.refer(DemoScenario.TRANSFER_TARGET))),
                        s.after().toMillis(), TimeUnit.MILLISECONDS);
            } else if (ringing && s.action() == DemoScenario.Action.CANCEL) {
                timers.schedule(() -> placed.thenAccept(Call::cancel), s.after().toMillis(), TimeUnit.MILLISECONDS);
            }
        });
        placed.complete(call);
        return call.completion().toCompletableFuture().whenComplete((r, e) -> progress.step());
    }

    private static List<String> mismatches(List<DemoScenario> plan, List<CallRecord> done) {
        List<String> wrong = new ArrayList<>();
        for (int i = 0; i < plan.size(); i++) {
            DemoScenario s = plan.get(i);
            CallRecord r = done.get(i);
            if (r.disconnectionReason() != s.expected()) {
                wrong.add(String.format("%s via %s: expected %s, got %s: %s", s.number(), s.trunk(),
                        s.expected().wireName(), r.disconnectionReason().wireName(), r.explanation()));
            }
        }
        return wrong;
    }

    /** A progress bar: redrawn in place on a terminal, a line per 10 % otherwise (logs, CI). */
    private static final class Progress {
        private static final int WIDTH = 40;
        private final PrintWriter out;
        private final int total;
        private final boolean terminal = System.console() != null;
        private final AtomicInteger finished = new AtomicInteger();
        private int lastTenth = -1;

        Progress(PrintWriter out, int total) {
            this.out = out;
            this.total = total;
        }

        void step() {
            int n = finished.incrementAndGet();
            synchronized (this) {
                int filled = n * WIDTH / total;
                String bar = "[" + "#".repeat(filled) + ".".repeat(WIDTH - filled) + "] " + n + "/" + total;
                if (terminal) {
                    out.print("\r" + bar);
                    out.flush();
                } else if (n * 10 / total != lastTenth) {
                    lastTenth = n * 10 / total;
                    out.println(bar);
                    out.flush();
                }
            }
        }

        void done() {
            if (terminal) {
                out.println();
            }
        }
    }
}
