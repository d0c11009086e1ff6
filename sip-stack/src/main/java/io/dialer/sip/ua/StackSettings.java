package io.dialer.sip.ua;

import io.dialer.sip.message.MessageLimits;
import io.dialer.sip.transaction.TimerSettings;
import io.dialer.sip.transport.Transport;
import io.dialer.sip.transport.TransportSettings;

import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * Everything a {@link SipStack} is built from. Immutable; the {@code with}
 * methods return changed copies.
 *
 * @param transport    listeners, timeouts and TLS
 * @param timers       T1, T2, T4 (RFC 3261 §17.1.1.1)
 * @param limits       message size and header limits
 * @param userAgent    the User-Agent and Server header value
 * @param dnsServer    a fixed DNS server for RFC 3263 lookups, or null for the system's
 * @param offerAnswer  answers SDP offers in re-INVITE/UPDATE
 * @param messageTap   sees every message sent and received, or null for none
 */
public record StackSettings(TransportSettings transport, TimerSettings timers, MessageLimits limits,
                            String userAgent, InetSocketAddress dnsServer, OfferAnswer offerAnswer,
                            MessageTap messageTap) {

    public StackSettings {
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(timers, "timers");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(userAgent, "userAgent");
        offerAnswer = offerAnswer == null ? OfferAnswer.NONE : offerAnswer;
    }

    /** Listens on 127.0.0.1, ephemeral ports, RFC 3261 default timers. */
    public static StackSettings defaults() {
        return new StackSettings(TransportSettings.defaults(), TimerSettings.DEFAULT, MessageLimits.DEFAULTS,
                "dialer/0.1", null, OfferAnswer.NONE, null);
    }

    /**
     * The same local port for UDP and TCP; 0 picks free ports. TLS is left as
     * it is: outbound TLS needs no listener, an inbound one needs a certificate.
     */
    public StackSettings withLocalPort(int port) {
        TransportSettings t = transport.withPort(Transport.UDP, port).withPort(Transport.TCP, port);
        return new StackSettings(t, timers, limits, userAgent, dnsServer, offerAnswer, messageTap);
    }

    public StackSettings withTransport(TransportSettings t) {
        return new StackSettings(t, timers, limits, userAgent, dnsServer, offerAnswer, messageTap);
    }

    public StackSettings withTimers(TimerSettings t) {
        return new StackSettings(transport, t, limits, userAgent, dnsServer, offerAnswer, messageTap);
    }

    public StackSettings withDnsServer(InetSocketAddress server) {
        return new StackSettings(transport, timers, limits, userAgent, server, offerAnswer, messageTap);
    }

    public StackSettings withOfferAnswer(OfferAnswer o) {
        return new StackSettings(transport, timers, limits, userAgent, dnsServer, o, messageTap);
    }

    /**
     * Hands every message the stack sends or receives to {@code tap} (per-call
     * traces, pcap files). Null, the default, turns tracing off at no cost.
     */
    public StackSettings withMessageTap(MessageTap tap) {
        return new StackSettings(transport, timers, limits, userAgent, dnsServer, offerAnswer, tap);
    }
}
