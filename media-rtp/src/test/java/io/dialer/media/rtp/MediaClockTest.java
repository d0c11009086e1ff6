package io.dialer.media.rtp;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The shared clock: consecutive ticks on the registrant's event loop, deadlines exactly 20 ms apart, cancel. */
class MediaClockTest {

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final MediaClock clock = new MediaClock("test-clock", 10);

    @AfterEach
    void stop() {
        clock.close();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    @Test
    void ticksOnTheLoopAtAbsoluteDeadlines() throws InterruptedException {
        EventLoop loop = group.next();
        List<long[]> ticks = new CopyOnWriteArrayList<>();
        CountDownLatch ten = new CountDownLatch(10);
        clock.register(loop, (tick, deadline) -> {
            assertThat(loop.inEventLoop()).isTrue();
            ticks.add(new long[] {tick, deadline});
            ten.countDown();
        });
        assertThat(ten.await(5, TimeUnit.SECONDS)).isTrue();
        for (int i = 1; i < 10; i++) {
            assertThat(ticks.get(i)[0]).isEqualTo(ticks.get(i - 1)[0] + 1);
            assertThat(ticks.get(i)[1] - ticks.get(i - 1)[1]).isEqualTo(MediaClock.PERIOD_NANOS);
        }
    }

    @Test
    void sessionsOfOneLoopAreSpreadOverSlots() throws InterruptedException {
        EventLoop loop = group.next();
        long[] deadlines = new long[2];
        CountDownLatch both = new CountDownLatch(2);
        for (int i = 0; i < 2; i++) {
            int index = i;
            clock.register(loop, (tick, deadline) -> {
                if (deadlines[index] == 0) {
                    deadlines[index] = deadline;
                    both.countDown();
                }
            });
        }
        assertThat(both.await(5, TimeUnit.SECONDS)).isTrue();
        // two slots of a 10-slot period: offsets differ by a multiple of 2 ms, not 0 mod 20 ms
        long offset = Math.floorMod(deadlines[1] - deadlines[0], MediaClock.PERIOD_NANOS);
        assertThat(offset % 2_000_000L).isZero();
        assertThat(offset).isNotZero();
    }

    @Test
    void cancelStopsTicking() throws InterruptedException {
        EventLoop loop = group.next();
        CountDownLatch first = new CountDownLatch(1);
        CountDownLatch more = new CountDownLatch(3);
        MediaClock.Registration r = clock.register(loop, (tick, deadline) -> {
            first.countDown();
            more.countDown();
        });
        assertThat(first.await(5, TimeUnit.SECONDS)).isTrue();
        r.cancel();
        // the cancel runs on the loop before any later tick task: at most one tick already queued slips through
        assertThat(more.await(200, TimeUnit.MILLISECONDS)).isFalse();
    }
}
