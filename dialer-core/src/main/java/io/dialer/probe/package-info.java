/**
 * {@code dialer probe} (issue 6): a trunk connectivity tester. {@link io.dialer.probe.Probe}
 * runs one small class per check — {@code UriCheck}, {@code DnsCheck}, {@code TransportCheck}
 * with {@code TlsInspector}, {@code OptionsCheck}, {@code AuthCheck}, {@code TestCallCheck} —
 * into a {@link io.dialer.probe.ProbeReport} of {@link io.dialer.probe.CheckResult}s, printed
 * by {@link io.dialer.probe.ProbeText} or {@link io.dialer.probe.ProbeJson} and exported by
 * {@link io.dialer.probe.ProbeMetrics} for {@code --watch}.
 */
package io.dialer.probe;
