package io.dialer.media.dtmf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * RFC 4733 payload and sender:
 * - the §2.3 layout byte for byte (event, E, R=0, volume, duration), decode ignores R;
 * - digit/event mapping of §3.2;
 * - a digit's packets: marker on the first only, updates one interval apart with growing
 *   durations (§2.5.1.2), the end sent three times with the final duration (§2.5.1.4).
 */
class TelephoneEventTest {

    @Test
    void encodesTheRfcLayout() {
        assertThat(new TelephoneEvent(5, false, 10, 160).encode())
                .containsExactly(0x05, 0x0A, 0x00, 0xA0);
        assertThat(new TelephoneEvent(11, true, 63, 0xFFFF).encode())
                .containsExactly(0x0B, 0xBF, 0xFF, 0xFF);
        assertThat(new TelephoneEvent(0, true, 0, 1600).encode())
                .containsExactly(0x00, 0x80, 0x06, 0x40);
    }

    @Test
    void decodesAndIgnoresTheReservedBit() {
        assertThat(TelephoneEvent.decode(new byte[] {0x0A, (byte) 0xCA, 0x03, 0x20}))
                .contains(new TelephoneEvent(10, true, 10, 800));
        assertThat(TelephoneEvent.decode(new byte[] {0x01, 0x0A, 0x00}))
                .isEmpty();
        assertThat(TelephoneEvent.decode(null)).isEmpty();
        for (TelephoneEvent e : List.of(new TelephoneEvent(15, false, 7, 12345), new TelephoneEvent(255, true, 63, 0))) {
            assertThat(TelephoneEvent.decode(e.encode())).contains(e);
        }
    }

    @Test
    void rejectsOutOfRangeFields() {
        assertThatThrownBy(() -> new TelephoneEvent(256, false, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TelephoneEvent(1, false, 64, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TelephoneEvent(1, false, 0, 65536)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void digitsMapToEventCodes() {
        assertThat(DtmfDigits.event('0')).isZero();
        assertThat(DtmfDigits.event('9')).isEqualTo(9);
        assertThat(DtmfDigits.event('*')).isEqualTo(10);
        assertThat(DtmfDigits.event('#')).isEqualTo(11);
        assertThat(DtmfDigits.event('a')).isEqualTo(12);
        assertThat(DtmfDigits.event('D')).isEqualTo(15);
        assertThat(DtmfDigits.digit(11)).isEqualTo('#');
        assertThatThrownBy(() -> DtmfDigits.event('E')).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DtmfDigits.digit(16)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void senderPlansUpdatesAndThreeEndPackets() {
        List<DtmfPacket> packets = DtmfSender.standard().packets('5', 100);
        assertThat(packets).containsExactly(
                new DtmfPacket(new TelephoneEvent(5, false, 10, 160), true, 0),
                new DtmfPacket(new TelephoneEvent(5, false, 10, 320), false, 160),
                new DtmfPacket(new TelephoneEvent(5, false, 10, 480), false, 320),
                new DtmfPacket(new TelephoneEvent(5, false, 10, 640), false, 480),
                new DtmfPacket(new TelephoneEvent(5, true, 10, 800), false, 640),
                new DtmfPacket(new TelephoneEvent(5, true, 10, 800), false, 800),
                new DtmfPacket(new TelephoneEvent(5, true, 10, 800), false, 960));
        assertThat(packets.get(0).payload()).containsExactly(0x05, 0x0A, 0x00, 0xA0);
    }

    @Test
    void shortDigitIsOnlyEndPacketsTheFirstMarked() {
        List<DtmfPacket> packets = new DtmfSender(8000, 20, 0).packets('#', 20);
        assertThat(packets).hasSize(3);
        assertThat(packets).extracting(DtmfPacket::marker).containsExactly(true, false, false);
        assertThat(packets).allSatisfy(p -> assertThat(p.event()).isEqualTo(new TelephoneEvent(11, true, 0, 160)));
    }

    @Test
    void senderHonoursTheInterval() {
        List<DtmfPacket> packets = new DtmfSender(8000, 30, 10).packets('1', 90);
        assertThat(packets).extracting(p -> p.event().duration()).containsExactly(240, 480, 720, 720, 720);
        assertThat(packets).extracting(DtmfPacket::sendOffset).containsExactly(0, 240, 480, 720, 960);
    }

    @Test
    void senderRejectsWhatIsNotADigit() {
        DtmfSender sender = DtmfSender.standard();
        assertThatThrownBy(() -> sender.packets('x', 100)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> sender.packets('1', 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> sender.packets('1', 9000)).isInstanceOf(IllegalArgumentException.class);
        assertThat(sender.packets('1', 8191)).last().extracting(p -> p.event().duration()).isEqualTo(65528);
    }
}
