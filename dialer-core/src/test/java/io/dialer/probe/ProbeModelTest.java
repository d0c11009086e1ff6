package io.dialer.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The report model and the URI check. Requirements checked:
 * - the summary is the worst verdict; skips never decide it; exit 0/1/2 follows;
 * - the URI check names what is wrong (space, unknown transport, sips over UDP)
 *   and warns for TLS to an IP address without a port.
 */
class ProbeModelTest {

    private static ProbeReport of(CheckResult... checks) {
        return new ProbeReport("sip:x", Instant.now(), 1, List.of(checks));
    }

    @Test
    void summaryIsTheWorstVerdictAndSkipsDoNotCount() {
        assertThat(of(CheckResult.ok("a", "e"), CheckResult.skip("b", "e")).exitCode()).isZero();
        assertThat(of(CheckResult.skip("b", "e")).summary()).isEqualTo(Verdict.OK);
        assertThat(of(CheckResult.ok("a", "e"), CheckResult.warn("b", "e", "n")).exitCode()).isEqualTo(1);
        ProbeReport failed = of(CheckResult.warn("b", "e", "n"), CheckResult.fail("c", "e", "n"),
                CheckResult.ok("d", "e"));
        assertThat(failed.summary()).isEqualTo(Verdict.FAIL);
        assertThat(failed.exitCode()).isEqualTo(2);
        assertThat(failed.count(Verdict.OK)).isEqualTo(1);
    }

    @Test
    void uriCheckSaysWhatIsWrong() {
        UriCheck check = new UriCheck();
        assertThat(check.run(ProbeOptions.of("sip:trunk example.com")).result().evidence()).contains("contains a space");
        UriCheck.Outcome unknown = check.run(ProbeOptions.of("sip:trunk.example.com;transport=sctp"));
        assertThat(unknown.result().verdict()).isEqualTo(Verdict.FAIL);
        assertThat(unknown.result().evidence()).contains("unknown transport 'sctp'");
        assertThat(unknown.address()).isNull();
        assertThat(check.run(ProbeOptions.of("sips:trunk.example.com;transport=udp")).result().evidence())
                .contains("needs TLS");

        UriCheck.Outcome noPort = check.run(ProbeOptions.of("sip:203.0.113.5;transport=tls"));
        assertThat(noPort.result().verdict()).isEqualTo(Verdict.WARN);
        assertThat(noPort.result().nextStep()).contains("5061");

        UriCheck.Outcome byName = check.run(ProbeOptions.of("sip:trunk.example.com"));
        assertThat(byName.result().verdict()).isEqualTo(Verdict.OK);
        assertThat(byName.result().evidence()).contains("port none (from DNS SRV)").contains("NAPTR may choose");
    }
}
