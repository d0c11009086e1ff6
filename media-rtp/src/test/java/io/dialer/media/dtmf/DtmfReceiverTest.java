package io.dialer.media.dtmf;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * RFC 4733 receiving: each digit once with its duration, whatever the
 * network did to its packets — the three end copies, duplicates, lost start,
 * all ends lost (closed by the next event or by flush), late stragglers,
 * reordering, timestamp wrap — and non-DTMF events ignored.
 */
class DtmfReceiverTest {

    private final DtmfSender sender = DtmfSender.standard();
    private final DtmfReceiver receiver = new DtmfReceiver(8000);

    private List<DtmfDigit> feed(int timestamp, List<DtmfPacket> packets) {
        List<DtmfDigit> out = new ArrayList<>();
        for (DtmfPacket p : packets) {
            out.addAll(receiver.receive(timestamp, p.payload()));
        }
        return out;
    }

    private static DtmfDigit rtp(char d, int ms) {
        return new DtmfDigit(d, ms, DtmfSource.RTP_EVENT);
    }

    @Test
    void reportsEachDigitOnceDespiteThreeEndPackets() {
        assertThat(feed(1000, sender.packets('1', 100))).containsExactly(rtp('1', 100));
        assertThat(feed(5000, sender.packets('#', 160))).containsExactly(rtp('#', 160));
        assertThat(receiver.eventInProgress()).isFalse();
        assertThat(receiver.flush()).isEmpty();
    }

    @Test
    void duplicatesAndLostStartChangeNothing() {
        List<DtmfPacket> packets = new ArrayList<>(sender.packets('7', 120));
        packets.remove(0);
        packets.add(2, packets.get(1));
        assertThat(feed(42, packets)).containsExactly(rtp('7', 120));
    }

    @Test
    void allEndsLostThenTheNextEventClosesIt() {
        List<DtmfPacket> first = sender.packets('4', 100).subList(0, 4);
        assertThat(feed(1000, first)).isEmpty();
        assertThat(receiver.eventInProgress()).isTrue();
        // 4 updates seen: 640 samples = 80 ms is all we know.
        assertThat(feed(3000, sender.packets('2', 60))).containsExactly(rtp('4', 80), rtp('2', 60));
        // A straggler of the closed event is not a new digit.
        assertThat(receiver.receive(1000, new TelephoneEvent(4, true, 10, 800).encode())).isEmpty();
    }

    @Test
    void flushReportsAnEventWhoseEndNeverCame() {
        feed(1000, sender.packets('9', 200).subList(0, 3));
        assertThat(receiver.flush()).containsExactly(rtp('9', 60));
        assertThat(receiver.flush()).isEmpty();
    }

    @Test
    void reorderedAndLatePacketsOfOneEvent() {
        List<DtmfPacket> packets = new ArrayList<>(sender.packets('A', 100));
        Collections.reverse(packets);
        // The first end packet reports it; the reversed updates come after and are dropped.
        assertThat(feed(77, packets)).containsExactly(rtp('A', 100));
    }

    @Test
    void wholeOlderEventArrivingAfterANewerOneIsReportedWithoutClosingTheNewer() {
        feed(2000, sender.packets('5', 100).subList(0, 2));
        assertThat(receiver.receive(1000, new TelephoneEvent(3, true, 10, 400).encode()))
                .containsExactly(rtp('3', 50));
        assertThat(receiver.eventInProgress()).isTrue();
        assertThat(feed(2000, sender.packets('5', 100).subList(4, 7))).containsExactly(rtp('5', 100));
    }

    @Test
    void timestampWrapIsStillNewer() {
        assertThat(feed(-200, sender.packets('1', 100).subList(0, 2))).isEmpty();
        assertThat(feed(600, sender.packets('2', 100))).containsExactly(rtp('1', 40), rtp('2', 100));
    }

    @Test
    void ignoresNonDtmfEventsAndShortPayloads() {
        assertThat(receiver.receive(10, new TelephoneEvent(16, true, 10, 800).encode())).isEmpty();
        assertThat(receiver.receive(10, new byte[] {1, 2})).isEmpty();
        assertThat(receiver.eventInProgress()).isFalse();
    }

    @Test
    void randomLossDuplicationAndLocalReorderNeverDoubleReports() {
        Random random = new Random(4733);
        String digits = "0123456789*#ABCD";
        for (int round = 0; round < 200; round++) {
            DtmfReceiver r = new DtmfReceiver(8000);
            List<DtmfDigit> out = new ArrayList<>();
            StringBuilder sent = new StringBuilder();
            int ts = random.nextInt();
            for (int i = 0; i < 8; i++) {
                char d = digits.charAt(random.nextInt(digits.length()));
                sent.append(d);
                List<DtmfPacket> packets = new ArrayList<>();
                for (DtmfPacket p : sender.packets(d, 60 + random.nextInt(200))) {
                    if (random.nextInt(10) > 0) {
                        packets.add(p);
                    }
                    if (random.nextInt(10) == 0) {
                        packets.add(p);
                    }
                }
                for (int j = 0; j + 1 < packets.size(); j++) {
                    if (random.nextInt(5) == 0) {
                        Collections.swap(packets, j, j + 1);
                    }
                }
                for (DtmfPacket p : packets) {
                    out.addAll(r.receive(ts, p.payload()));
                }
                ts += 8000;
            }
            out.addAll(r.flush());
            StringBuilder got = new StringBuilder();
            out.forEach(x -> got.append(x.digit()));
            // A digit is lost only when every one of its packets was; none is ever doubled.
            assertThat(got.length()).isLessThanOrEqualTo(sent.length());
            assertThat(isSubsequence(got.toString(), sent.toString())).as("%s within %s", got, sent).isTrue();
        }
    }

    private static boolean isSubsequence(String small, String big) {
        int i = 0;
        for (int j = 0; i < small.length() && j < big.length(); j++) {
            if (small.charAt(i) == big.charAt(j)) {
                i++;
            }
        }
        return i == small.length();
    }
}
