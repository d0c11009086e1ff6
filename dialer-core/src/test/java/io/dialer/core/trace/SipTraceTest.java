package io.dialer.core.trace;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dialer.sip.transport.Transport;
import io.dialer.sip.ua.TracedMessage;
import io.dialer.sip.ua.TracedMessage.Direction;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Requirements checked:
 * - entries are offsets from dialing, "in"/"out", the first line, in arrival order,
 *   and serialise as {@code t_ms}, {@code dir}, {@code first_line};
 * - a trace keeps at most its message and byte caps and counts what it dropped;
 * - messages added from several threads at once are all kept;
 * - CallTraces routes by Call-ID, ignores calls not open and messages without one,
 *   and close hands the trace back once.
 */
class SipTraceTest {

    private static final Instant DIALING = Instant.parse("2026-01-28T18:45:11.012Z");
    private static final InetSocketAddress LOCAL = new InetSocketAddress("127.0.0.1", 5080);
    private static final InetSocketAddress REMOTE = new InetSocketAddress("127.0.0.1", 5060);

    private static TracedMessage message(Direction direction, long atMs, String callId, String firstLine) {
        byte[] bytes = (firstLine + "\r\nCall-ID: " + callId + "\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        return new TracedMessage(direction, DIALING.plusMillis(atMs), Transport.UDP, LOCAL, REMOTE, callId, firstLine,
                bytes);
    }

    @Test
    void entriesAreOffsetsFromDialingInArrivalOrder() throws Exception {
        SipTrace trace = new SipTrace("c1", DIALING);
        trace.add(message(Direction.OUT, 0, "c1", "INVITE sip:+15557654321@trunk.test SIP/2.0"));
        trace.add(message(Direction.IN, 12, "c1", "SIP/2.0 180 Ringing"));
        trace.add(message(Direction.IN, 3012, "c1", "SIP/2.0 486 Busy Here"));

        assertThat(trace.entries()).containsExactly(
                new TraceEntry(0, "out", "INVITE sip:+15557654321@trunk.test SIP/2.0"),
                new TraceEntry(12, "in", "SIP/2.0 180 Ringing"),
                new TraceEntry(3012, "in", "SIP/2.0 486 Busy Here"));
        assertThat(trace.messages()).hasSize(3).first()
                .satisfies(m -> assertThat(m.firstLine()).startsWith("INVITE"));
        assertThat(new ObjectMapper().writeValueAsString(trace.entries().get(1)))
                .isEqualTo("{\"t_ms\":12,\"dir\":\"in\",\"first_line\":\"SIP/2.0 180 Ringing\"}");
    }

    @Test
    void capsDropAndCountFurtherMessages() {
        SipTrace byCount = new SipTrace("c1", DIALING, 2, Long.MAX_VALUE);
        for (int i = 0; i < 5; i++) {
            byCount.add(message(Direction.IN, i, "c1", "SIP/2.0 180 Ringing"));
        }
        assertThat(byCount.messages()).hasSize(2);
        assertThat(byCount.dropped()).isEqualTo(3);

        TracedMessage one = message(Direction.IN, 0, "c1", "SIP/2.0 180 Ringing");
        SipTrace byBytes = new SipTrace("c1", DIALING, 100, one.size() * 2L + 1);
        for (int i = 0; i < 4; i++) {
            byBytes.add(one);
        }
        assertThat(byBytes.messages()).hasSize(2);
        assertThat(byBytes.dropped()).isEqualTo(2);
    }

    @Test
    void concurrentAddsAreAllKept() throws Exception {
        SipTrace trace = new SipTrace("c1", DIALING);
        int threads = 4;
        int each = 100;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                done.add(pool.submit(() -> {
                    go.await();
                    for (int i = 0; i < each; i++) {
                        trace.add(message(Direction.IN, i, "c1", "SIP/2.0 180 Ringing"));
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> f : done) {
                f.get(10, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(trace.messages()).hasSize(threads * each);
        assertThat(trace.dropped()).isZero();
    }

    @Test
    void callTracesRouteByCallIdAndIgnoreOthers() {
        CallTraces traces = new CallTraces();
        SipTrace one = traces.open("c1", DIALING);
        assertThat(traces.open("c1", DIALING.plusSeconds(1))).isSameAs(one);
        SipTrace two = traces.open("c2", DIALING);

        traces.onMessage(message(Direction.OUT, 0, "c1", "INVITE sip:a@b SIP/2.0"));
        traces.onMessage(message(Direction.OUT, 1, "c2", "INVITE sip:c@d SIP/2.0"));
        traces.onMessage(message(Direction.OUT, 2, "not-traced", "INVITE sip:e@f SIP/2.0"));
        traces.onMessage(message(Direction.IN, 3, null, "GARBAGE"));
        traces.onMessage(message(Direction.IN, 4, "c1", "SIP/2.0 200 OK"));

        assertThat(one.entries()).extracting(TraceEntry::firstLine)
                .containsExactly("INVITE sip:a@b SIP/2.0", "SIP/2.0 200 OK");
        assertThat(two.entries()).extracting(TraceEntry::firstLine).containsExactly("INVITE sip:c@d SIP/2.0");
        assertThat(traces.openCount()).isEqualTo(2);

        assertThat(traces.close("c1")).containsSame(one);
        assertThat(traces.close("c1")).isEmpty();
        traces.onMessage(message(Direction.OUT, 5, "c1", "BYE sip:a@b SIP/2.0"));
        assertThat(one.entries()).hasSize(2);
        assertThat(traces.openCount()).isEqualTo(1);
    }
}
