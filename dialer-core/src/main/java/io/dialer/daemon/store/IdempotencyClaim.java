package io.dialer.daemon.store;

/**
 * What claiming an {@code Idempotency-Key} found.
 *
 * @param outcome what to do
 * @param callId  for {@link Outcome#REPLAY}: the call the first request placed
 */
public record IdempotencyClaim(Outcome outcome, String callId) {

    /** The possible answers. */
    public enum Outcome {
        /** The key is new and now ours: place the call. */
        CLAIMED,
        /** The same request was made before: answer with its call. */
        REPLAY,
        /** The key was used with a different body. */
        CONFLICT,
        /** The first request with this key is still placing its call. */
        IN_PROGRESS
    }
}
