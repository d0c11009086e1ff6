package io.dialer.cli;

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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code dialer load}: places calls at a fixed rate against a callee on this
 * machine (INVITE, 180, 200, ACK, then BYE at once) and reports calls per
 * second reached, failed calls and CPU per call. Used by
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
        PrintWriter out = spec.commandLine().getOut();
        Endpoint endpoint = Endpoint.of(t, address);
        InviteRequest request = InviteRequest.to("sip:load@" + target, "sip:dialer@127.0.0.1", endpoint);

        AtomicLong succeeded = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        CountDownLatch done = new CountDownLatch(calls);
        try (SipStack stack = SipStack.start(StackSettings.defaults())) {
            long cpuStart = processCpuNanos();
            long start = System.nanoTime();
            long intervalNanos = 1_000_000_000L / rate;
            for (int i = 0; i < calls; i++) {
                long due = start + i * intervalNanos;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                AtomicReference<OutgoingCall> ref = new AtomicReference<>();
                ref.set(stack.userAgent().invite(request, event -> {
                    if (event instanceof CallEvent.Provisional) {
                        return;
                    }
                    if (event instanceof CallEvent.Answered) {
                        ref.get().hangup();
                        return;
                    }
                    boolean ok = event instanceof CallEvent.Ended e
                            && e.byeResponse() != null && e.byeResponse().getStatusCode() == 200;
                    (ok ? succeeded : failed).incrementAndGet();
                    done.countDown();
                }));
            }
            long sentNanos = System.nanoTime() - start;
            boolean finished = done.await(60, TimeUnit.SECONDS);
            long elapsed = System.nanoTime() - start;
            long cpu = processCpuNanos() - cpuStart;
            long lost = calls - succeeded.get() - failed.get();
            double cps = calls / (sentNanos / 1e9);
            out.printf("calls=%d succeeded=%d failed=%d unfinished=%d offered_cps=%.1f elapsed_s=%.2f cpu_s=%.2f"
                            + " cpu_ms_per_1000_calls=%.1f%n",
                    calls, succeeded.get(), failed.get(), finished ? 0 : lost, cps, elapsed / 1e9, cpu / 1e9,
                    cpu / 1e6 / (calls / 1000.0));
            out.flush();
            return failed.get() == 0 && finished ? 0 : 1;
        }
    }

    private static long processCpuNanos() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            return sun.getProcessCpuTime();
        }
        return 0;
    }
}
