package io.dialer.media.rtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Even RTP ports with RTCP on +1 (RFC 3550 §11), next-fit reuse of freed ports, exhaustion, thread safety. */
class PortAllocatorTest {

    @Test
    void handsOutEvenPortsWithRoomForRtcp() {
        PortAllocator a = new PortAllocator(20001, 20006); // pairs 20002/3, 20004/5; 20006 has no odd partner
        assertThat(a.capacity()).isEqualTo(2);
        assertThat(a.acquire()).hasValue(20002);
        assertThat(a.acquire()).hasValue(20004);
        assertThat(a.acquire()).isEmpty();
    }

    @Test
    void freedPortIsReusedWhenTheSearchWraps() {
        PortAllocator a = new PortAllocator(20000, 20005);
        int p1 = a.acquire().getAsInt();
        int p2 = a.acquire().getAsInt();
        int p3 = a.acquire().getAsInt();
        a.release(p2);
        assertThat(a.acquire()).hasValue(p2);
        a.release(p1);
        a.release(p3);
        // next-fit: after p2 comes p3, not the earlier p1
        assertThat(a.acquire()).hasValue(p3);
        assertThat(a.acquire()).hasValue(p1);
        assertThat(a.leased()).isEqualTo(3);
    }

    @Test
    void rejectsReleaseOfPortsNotLeased() {
        PortAllocator a = new PortAllocator(20000, 20009);
        assertThatThrownBy(() -> a.release(20001)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> a.release(20002)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PortAllocator(20000, 20000)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void concurrentCallersNeverGetTheSamePort() throws Exception {
        PortAllocator a = new PortAllocator(20000, 29999);
        Set<Integer> seen = ConcurrentHashMap.newKeySet();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        CountDownLatch go = new CountDownLatch(1);
        try {
            for (int t = 0; t < 4; t++) {
                pool.execute(() -> {
                    try {
                        go.await();
                    } catch (InterruptedException e) {
                        return;
                    }
                    for (int i = 0; i < 1000; i++) {
                        OptionalInt p = a.acquire();
                        seen.add(p.getAsInt());
                        if (i % 2 == 0) {
                            a.release(p.getAsInt());
                        }
                    }
                });
            }
            go.countDown();
        } finally {
            pool.shutdown();
            assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(a.leased()).isEqualTo(2000);
        assertThat(List.copyOf(seen)).allMatch(p -> p % 2 == 0);
    }
}
