package io.dialer.sip.transport;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.ReferenceCountUtil;

/**
 * Fuzzes {@link StreamFramer} with random bytes in random chunk sizes. Checks: no
 * exception ever leaves the pipeline (an {@link EmbeddedChannel} rethrows any that
 * reaches its tail), and no emitted message exceeds the limit. Without JAZZER_FUZZ it
 * runs as a regression test over the seeds in {@code StreamFramerFuzzTestInputs}.
 */
class StreamFramerFuzzTest {

    private static final int LIMIT = 1024;

    @FuzzTest(maxDuration = "30s")
    void framerNeverThrowsAndRespectsTheLimit(FuzzedDataProvider data) {
        TransportCounters counters = new TransportCounters();
        EmbeddedChannel ch = new EmbeddedChannel(new StreamFramer(LIMIT, counters));
        while (data.remainingBytes() > 0 && ch.isOpen()) {
            byte[] chunk = data.consumeBytes(data.consumeInt(1, 512));
            ch.writeInbound(Unpooled.wrappedBuffer(chunk));
            for (Object message; (message = ch.readInbound()) != null; ) {
                assertThat(message).isInstanceOf(byte[].class);
                assertThat(((byte[]) message).length).isLessThanOrEqualTo(LIMIT);
            }
            for (Object pong; (pong = ch.readOutbound()) != null; ) {
                ReferenceCountUtil.release(pong);
            }
        }
        ch.finishAndReleaseAll();
    }
}
