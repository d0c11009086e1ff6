package io.dialer.daemon.store;

/**
 * A number as a campaign is created.
 *
 * @param number    the destination, normalised
 * @param variables its variables as a JSON object
 * @param skipped   true when it is on the do-not-call list (stored as skipped, never dialed)
 */
public record NewNumber(String number, String variables, boolean skipped) {
}
