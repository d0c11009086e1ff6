package io.dialer.sip.transport;

/**
 * A message could not be carried to its destination. The message names the
 * destination and the reason in words ("connection refused by 127.0.0.1:5099
 * over tcp"); the cause keeps the low-level exception.
 */
public class TransportException extends Exception {

    private final Endpoint destination;

    public TransportException(Endpoint destination, String message, Throwable cause) {
        super(message, cause);
        this.destination = destination;
    }

    public Endpoint destination() {
        return destination;
    }
}
