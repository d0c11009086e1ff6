package io.dialer.media.dtmf;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** SIP INFO DTMF bodies: application/dtmf-relay key=value lines and application/dtmf digit-only. */
class SipInfoDtmfTest {

    private static DtmfDigit info(char d, int ms) {
        return new DtmfDigit(d, ms, DtmfSource.SIP_INFO);
    }

    @Test
    void dtmfRelay() {
        assertThat(SipInfoDtmf.parse("application/dtmf-relay", "Signal=5\r\nDuration=160\r\n")).contains(info('5', 160));
        assertThat(SipInfoDtmf.parse("Application/DTMF-Relay; charset=utf-8", "signal= #\nduration = 250"))
                .contains(info('#', 250));
        assertThat(SipInfoDtmf.parse("application/dtmf-relay", "Signal=11\r\nDuration=100\r\n")).contains(info('#', 100));
        assertThat(SipInfoDtmf.parse("application/dtmf-relay", "Signal=*")).contains(info('*', 0));
        assertThat(SipInfoDtmf.parse("application/dtmf-relay", "Signal=d\r\nDuration=abc")).contains(info('D', 0));
    }

    @Test
    void dtmfDigitOnly() {
        assertThat(SipInfoDtmf.parse("application/dtmf", "7\r\n")).contains(info('7', 0));
        assertThat(SipInfoDtmf.parse("application/dtmf", "10")).contains(info('*', 0));
    }

    @Test
    void rejectsWhatIsNotADigit() {
        assertThat(SipInfoDtmf.parse("application/dtmf-relay", "Signal=X\r\nDuration=160")).isEmpty();
        assertThat(SipInfoDtmf.parse("application/dtmf-relay", "Duration=160")).isEmpty();
        assertThat(SipInfoDtmf.parse("application/dtmf-relay", "Signal=16")).isEmpty();
        assertThat(SipInfoDtmf.parse("application/dtmf", "")).isEmpty();
        assertThat(SipInfoDtmf.parse("application/sdp", "Signal=5")).isEmpty();
        assertThat(SipInfoDtmf.parse(null, "5")).isEmpty();
        assertThat(SipInfoDtmf.isDtmfContentType("application/dtmf-relay")).isTrue();
        assertThat(SipInfoDtmf.isDtmfContentType("application/media_control+xml")).isFalse();
    }
}
