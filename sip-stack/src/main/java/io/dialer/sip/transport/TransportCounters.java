package io.dialer.sip.transport;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts what the transport layer threw away or refused, per layer instance, so that
 * bad peers show up in metrics and tests can assert the reason.
 */
public final class TransportCounters {

    private final Map<FramingError, LongAdder> framingErrors = new EnumMap<>(FramingError.class);
    private final LongAdder oversizedDatagrams = new LongAdder();
    private final LongAdder icmpUnreachable = new LongAdder();
    private final LongAdder refusedConnections = new LongAdder();
    private final LongAdder keepAlivePings = new LongAdder();

    TransportCounters() {
        for (FramingError e : FramingError.values()) {
            framingErrors.put(e, new LongAdder());
        }
    }

    void framingError(FramingError error) {
        framingErrors.get(error).increment();
    }

    void oversizedDatagram() {
        oversizedDatagrams.increment();
    }

    void icmpUnreachableReceived() {
        icmpUnreachable.increment();
    }

    void refusedConnection() {
        refusedConnections.increment();
    }

    void keepAlivePing() {
        keepAlivePings.increment();
    }

    /** Stream connections closed because their bytes could not be framed, by reason. */
    public long framingErrors(FramingError error) {
        return framingErrors.get(error).sum();
    }

    /** Datagrams dropped for exceeding the message size limit. */
    public long oversizedDatagrams() {
        return oversizedDatagrams.sum();
    }

    /** ICMP port unreachable errors reported for UDP destinations. */
    public long icmpUnreachable() {
        return icmpUnreachable.sum();
    }

    /** Inbound connections closed at once because the connection limit was reached. */
    public long refusedConnections() {
        return refusedConnections.sum();
    }

    /** RFC 5626 CRLFCRLF pings answered with a CRLF pong. */
    public long keepAlivePings() {
        return keepAlivePings.sum();
    }
}
