package io.dialer.daemon.http;

import io.dialer.daemon.store.NewNumber;
import java.time.Duration;
import java.util.List;

/**
 * A validated {@code POST /v1/campaigns} request.
 *
 * @param name           label
 * @param trunk          trunk name (the default trunk when the request named none)
 * @param maxConcurrency most calls up at once
 * @param maxCps         most calls started per second
 * @param maxAttempts    attempts per number, the first included
 * @param busyRetry      delay before retrying busy
 * @param noAnswerRetry  delay before retrying no answer
 * @param ringTimeout    ring timeout of its calls, or null for the daemon's
 * @param numbers        the numbers, DNC ones marked skipped
 */
record CampaignRequest(String name, String trunk, int maxConcurrency, double maxCps, int maxAttempts,
                       Duration busyRetry, Duration noAnswerRetry, Duration ringTimeout, List<NewNumber> numbers) {
}
