package io.dialer.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The metrics {@code --watch} exposes. Requirements checked:
 * - each check's verdict, the summary, measurements and a run counter appear
 *   in the Prometheus text, and a later run replaces the values;
 * - GET /metrics on the endpoint serves that text.
 */
class ProbeMetricsTest {

    private static ProbeReport report(Verdict transport, double rtt) {
        return new ProbeReport("sip:127.0.0.1:5062", Instant.parse("2026-11-23T16:00:00Z"), 12, List.of(
                CheckResult.ok("uri", "fine"),
                new CheckResult("transport", transport, "seen", transport == Verdict.OK ? null : "fix it",
                        java.util.Map.of("rtt_ms", rtt)),
                CheckResult.skip("call", "no --to")));
    }

    @Test
    void verdictsMeasurementsAndRunsAreExported() {
        ProbeMetrics metrics = new ProbeMetrics();
        metrics.record(report(Verdict.FAIL, 3.5));
        metrics.record(report(Verdict.OK, 1.25));
        String text = metrics.scrape();
        assertThat(text).contains("dialer_probe_check_verdict{check=\"transport\",trunk=\"sip:127.0.0.1:5062\"} 0.0");
        assertThat(text).contains("dialer_probe_check_verdict{check=\"call\",trunk=\"sip:127.0.0.1:5062\"} -1.0");
        assertThat(text).contains("dialer_probe_summary_verdict{trunk=\"sip:127.0.0.1:5062\"} 0.0");
        assertThat(text).contains(
                "dialer_probe_measurement{check=\"transport\",name=\"rtt_ms\",trunk=\"sip:127.0.0.1:5062\"} 1.25");
        assertThat(text).contains("dialer_probe_runs_total{summary=\"fail\",trunk=\"sip:127.0.0.1:5062\"} 1.0");
        assertThat(text).contains("dialer_probe_runs_total{summary=\"ok\",trunk=\"sip:127.0.0.1:5062\"} 1.0");
    }

    @Test
    void endpointServesTheText() throws Exception {
        ProbeMetrics metrics = new ProbeMetrics();
        metrics.record(report(Verdict.WARN, 2));
        try (MetricsEndpoint endpoint = MetricsEndpoint.start(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), metrics)) {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + endpoint.address().getPort() + "/metrics"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v)
                    .startsWith("text/plain"));
            assertThat(response.body()).contains("dialer_probe_summary_verdict{trunk=\"sip:127.0.0.1:5062\"} 1.0");
        }
    }
}
