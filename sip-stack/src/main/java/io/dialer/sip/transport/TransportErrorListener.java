package io.dialer.sip.transport;

/**
 * Hears about transport errors that arrive after a send already succeeded:
 * an ICMP port unreachable for a UDP destination, or a stream connection that
 * broke. RFC 3261 §18.4 and §17.1.4 want the transaction that used that
 * destination failed at once instead of waiting for Timer B/F (32 s).
 * Called on a Netty I/O thread; an implementation must not block.
 */
@FunctionalInterface
public interface TransportErrorListener {

    /** Ignores every error; for stacks that only rely on send futures. */
    TransportErrorListener IGNORE = (destination, error) -> { };

    void onTransportError(Endpoint destination, TransportException error);
}
