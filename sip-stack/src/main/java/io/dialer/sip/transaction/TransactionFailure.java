package io.dialer.sip.transaction;

import io.dialer.sip.transport.TransportException;

import java.util.Objects;

/**
 * Why a transaction ended without the exchange it was created for. Distinct
 * types that keep their cause, so the call record can say "no response within
 * 32 s (Timer B)" apart from "connection refused by ...".
 */
public sealed interface TransactionFailure {

    /** Plain words for logs and call records. */
    String describe();

    /**
     * A timer ran out: B or F (no final response), H (no ACK for our final
     * response), or {@link TimerName#CANCEL_GUARD} (no final after CANCEL, RFC 3261 §9.1).
     */
    record Timeout(String timerName) implements TransactionFailure {
        public Timeout {
            Objects.requireNonNull(timerName, "timerName");
        }

        @Override
        public String describe() {
            return "transaction timeout (Timer " + timerName + ")";
        }
    }

    /** The transport could not deliver a message of this transaction (RFC 3261 §17.1.4, §17.2.4). */
    record TransportFailure(TransportException cause) implements TransactionFailure {
        public TransportFailure {
            Objects.requireNonNull(cause, "cause");
        }

        @Override
        public String describe() {
            return "transport error: " + cause.getMessage();
        }
    }
}
