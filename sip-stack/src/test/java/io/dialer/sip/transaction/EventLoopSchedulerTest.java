package io.dialer.sip.transaction;

import io.netty.util.concurrent.DefaultEventExecutor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * EventLoopScheduler on a real Netty executor. Requirements checked: tasks and timers run on the
 * executor's thread, where {@code inThread} is true; a canceled timer never runs; an exception in one
 * task does not stop later tasks. Waits use latches with timeouts, never sleeps.
 */
class EventLoopSchedulerTest {

    private final DefaultEventExecutor executor = new DefaultEventExecutor();
    private final EventLoopScheduler scheduler = new EventLoopScheduler(executor);

    @AfterEach
    void shutdown() throws InterruptedException {
        executor.shutdownGracefully(0, 1, TimeUnit.SECONDS).await(5, TimeUnit.SECONDS);
    }

    @Test
    void tasksAndTimersRunOnTheExecutorThread() throws InterruptedException {
        List<Boolean> inThread = new CopyOnWriteArrayList<>();
        CountDownLatch done = new CountDownLatch(2);
        assertThat(scheduler.inThread()).isFalse();

        scheduler.execute(() -> {
            inThread.add(scheduler.inThread());
            done.countDown();
        });
        scheduler.schedule(() -> {
            inThread.add(scheduler.inThread());
            done.countDown();
        }, Duration.ofMillis(10));

        assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(inThread).containsExactly(true, true);
    }

    @Test
    void canceledTimerNeverRunsAndFailingTasksDoNotStopOthers() throws InterruptedException {
        List<String> ran = new CopyOnWriteArrayList<>();
        // Far enough out that a test thread descheduled on a busy machine still cancels
        // before it is due (at 20 ms a loaded 2-core box let it run first).
        Scheduler.Cancellable canceled = scheduler.schedule(() -> ran.add("canceled"), Duration.ofMillis(300));
        canceled.cancel();
        canceled.cancel();
        scheduler.execute(() -> {
            throw new IllegalStateException("a broken transaction user");
        });
        CountDownLatch later = new CountDownLatch(1);
        scheduler.schedule(() -> {
            ran.add("later");
            later.countDown();
        }, Duration.ofMillis(600));

        assertThat(later.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(ran).containsExactly("later");
    }

    @Test
    void aLongTimerRunsOnTheWheelNeverBeforeItsDelayAndCancelsFromAnyThread() throws InterruptedException {
        List<String> ran = new CopyOnWriteArrayList<>();
        CountDownLatch fired = new CountDownLatch(1);
        long[] firedAfter = new long[1];
        long start = scheduler.nanoTime();
        Scheduler.Cancellable canceled = scheduler.schedule(() -> ran.add("canceled"), Duration.ofMillis(1000));
        scheduler.schedule(() -> {
            ran.add("fired:" + scheduler.inThread());
            firedAfter[0] = scheduler.nanoTime() - start;
            fired.countDown();
        }, Duration.ofMillis(1000));
        canceled.cancel(); // from the test thread, not the executor's

        assertThat(fired.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(firedAfter[0]).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(1000));
        CountDownLatch drained = new CountDownLatch(1);
        scheduler.schedule(drained::countDown, Duration.ofMillis(50));
        assertThat(drained.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(ran).containsExactly("fired:true");
    }
}
