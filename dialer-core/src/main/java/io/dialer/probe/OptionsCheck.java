package io.dialer.probe;

import gov.nist.javax.sip.header.Via;
import gov.nist.javax.sip.message.SIPResponse;
import io.dialer.core.TrunkAddress;
import io.dialer.sip.transport.Endpoint;
import io.dialer.sip.transport.Transport;
import io.dialer.sip.ua.SipStack;
import io.dialer.sip.ua.TracedMessage;
import io.dialer.sip.ua.UserAgent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.sip.header.Header;

/**
 * Check 4: an OPTIONS through the SIP stack (RFC 3261 §11): round-trip time,
 * status, what the trunk says it allows and supports, who it is, and NAT
 * hints from the {@code received}/{@code rport} it put in our Via (RFC 3581).
 */
final class OptionsCheck {

    static final String NAME = "options";

    CheckResult run(SipStack stack, ProbeTap tap, TrunkAddress address, Endpoint target, ProbeOptions options) {
        String requestUri = "sip:" + address.hostPort();
        SIPResponse response = null;
        double ms = Double.MAX_VALUE;
        // Two OPTIONS: the first also pays for starting this JVM's SIP parser, the second is the link.
        for (int i = 0; i < 2; i++) {
            long start = System.nanoTime();
            try {
                response = stack.userAgent().request("OPTIONS", requestUri, target, Map.of("Accept", "application/sdp"))
                        .toCompletableFuture().get(options.timeout().toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                return CheckResult.fail(NAME, "no answer to OPTIONS " + requestUri + " from " + target + " within "
                                + options.timeout().toMillis() + " ms",
                        "the trunk may drop requests from addresses it does not know: ask the provider to allow "
                                + "your public IP, and check that answers can get back through your firewall or NAT");
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                String why = cause instanceof UserAgent.RequestFailedException f ? f.failure().describe()
                        : cause.getMessage();
                return CheckResult.fail(NAME, "OPTIONS to " + target + " failed: " + why,
                        "see the transport check above; the trunk did not take a SIP request");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return CheckResult.fail(NAME, "interrupted", null);
            }
            ms = Math.min(ms, wireRtt(tap, response).orElse((System.nanoTime() - start) / 1e6));
        }
        int status = response.getStatusCode();
        StringBuilder evidence = new StringBuilder()
                .append(status).append(' ').append(response.getReasonPhrase()).append(" in ")
                .append(TransportCheck.ms(ms));
        for (String name : List.of("Allow", "Supported", "User-Agent", "Server")) {
            String value = headerValues(response, name);
            if (value != null) {
                evidence.append("; ").append(name).append(": ").append(value);
            }
        }
        String nat = natHint(response, target.transport());
        if (nat != null) {
            evidence.append("; ").append(nat);
        }
        CheckResult result;
        if (status / 100 == 2 || status == 401 || status == 407 || status == 405 || status == 501 || status == 483) {
            // Any of these is the trunk's SIP layer answering us: alive and reachable.
            result = nat == null ? CheckResult.ok(NAME, evidence.toString())
                    : CheckResult.warn(NAME, evidence.toString(), "we are behind NAT: the dialer puts its private "
                    + "address in Via and Contact; make sure the trunk answers to the source address (rport, "
                    + "RFC 3581) or configure the public address, and keep UDP mappings alive");
        } else if (status == 403) {
            result = CheckResult.warn(NAME, evidence.toString(),
                    "the trunk refuses OPTIONS from us: it may not know our source IP; ask the provider to allow it");
        } else {
            result = CheckResult.warn(NAME, evidence.toString(),
                    "the trunk answers, but not with 200 to OPTIONS; if calls fail too, show this to the provider");
        }
        return result.with("rtt_ms", ms).with("status", status);
    }

    /** From the request leaving for the transport to the response coming off it, as the tap saw them. */
    private static java.util.Optional<Double> wireRtt(ProbeTap tap, SIPResponse response) {
        String callId = response.getCallId().getCallId();
        List<TracedMessage> out = tap.messages(callId, TracedMessage.Direction.OUT);
        List<TracedMessage> in = tap.received(callId);
        if (out.isEmpty() || in.isEmpty()) {
            return java.util.Optional.empty();
        }
        // The last send (a retransmission, if any) to the final response: what the link costs now.
        Instant sent = out.get(out.size() - 1).at();
        Instant got = in.get(in.size() - 1).at();
        return java.util.Optional.of(Math.max(0, Duration.between(sent, got).toNanos() / 1e6));
    }

    /** Every value of a header, joined; null when absent. */
    private static String headerValues(SIPResponse response, String name) {
        List<String> values = new ArrayList<>();
        var it = response.getHeaders(name);
        while (it != null && it.hasNext()) {
            Header h = (Header) it.next();
            String text = h.toString();
            int colon = text.indexOf(':');
            values.add((colon >= 0 ? text.substring(colon + 1) : text).strip());
        }
        return values.isEmpty() ? null : String.join(", ", values);
    }

    /**
     * RFC 3581 §4: the server writes where the request really came from into our
     * Via ({@code received}, {@code rport}). A different address means NAT between
     * us and the trunk. Over TCP/TLS the source port is the connection's, not our
     * listener's, so only the address is compared there.
     */
    static String natHint(SIPResponse response, Transport transport) {
        Via via = response.getTopmostVia();
        if (via == null) {
            return null;
        }
        String received = via.getReceived();
        int rport = via.getRPort();
        String sentHost = via.getHost();
        int sentPort = via.getPort();
        boolean addressDiffers = received != null && !received.equals(sentHost);
        boolean portDiffers = transport == Transport.UDP && rport > 0 && rport != sentPort;
        if (!addressDiffers && !portDiffers) {
            return null;
        }
        return "NAT: the trunk sees us at " + (received != null ? received : sentHost) + ":"
                + (portDiffers ? rport : sentPort) + ", our Via says " + sentHost + ":" + sentPort;
    }
}
