package io.dialer.sip.transaction;

import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import io.dialer.sip.transport.Endpoint;
import io.dialer.sip.transport.TransportException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A {@link MessageChannel} for tests that records every send with the virtual
 * time it happened at, and fails sends on demand with a {@link TransportException}.
 */
public final class RecordingChannel implements MessageChannel {

    /** One send: when, what (also as encoded text, since messages are mutable), and where. */
    public record Sent(Duration at, SIPMessage message, String encoded, Endpoint destination) {

        /** The request method, or the CSeq method and status code of a response ("100 INVITE"). */
        public String label() {
            if (message instanceof SIPRequest request) {
                return request.getMethod();
            }
            SIPResponse response = (SIPResponse) message;
            return response.getStatusCode() + " " + response.getCSeq().getMethod();
        }

        public double seconds() {
            return at.toNanos() / 1e9;
        }
    }

    private final Scheduler clock;
    private final List<Sent> sent = new ArrayList<>();
    private boolean failing;

    public RecordingChannel(Scheduler clock) {
        this.clock = clock;
    }

    @Override
    public CompletionStage<Void> send(SIPMessage message, Endpoint destination) {
        sent.add(new Sent(Duration.ofNanos(clock.nanoTime()), message, message.encode(), destination));
        if (failing) {
            return CompletableFuture.failedFuture(new TransportException(destination,
                    "connection refused by " + destination, new java.net.ConnectException("Connection refused")));
        }
        return CompletableFuture.completedFuture(null);
    }

    /** From now on every send fails (or succeeds again). */
    public void failSends(boolean failing) {
        this.failing = failing;
    }

    public List<Sent> sent() {
        return List.copyOf(sent);
    }

    /** The sends whose {@link Sent#label()} is the given one. */
    public List<Sent> sent(String label) {
        return sent.stream().filter(s -> s.label().equals(label)).toList();
    }

    /** Virtual times, in seconds, of the sends with this label. */
    public List<Double> times(String label) {
        return sent(label).stream().map(Sent::seconds).toList();
    }

    public void clear() {
        sent.clear();
    }
}
