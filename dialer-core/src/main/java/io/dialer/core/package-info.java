/**
 * The embedded dialer engine: place outbound calls through SIP trunks and get,
 * for each, a record that says how and why it ended (design.md §3–§6).
 *
 * <p>Start here: {@link io.dialer.core.Dialer#start(DialerConfig)} with a
 * {@link io.dialer.core.DialerConfig} naming at least one
 * {@link io.dialer.core.TrunkConfig}; {@link io.dialer.core.Dialer#dial(DialRequest, CallListener)}
 * returns a {@link io.dialer.core.Call} whose {@link io.dialer.core.Call#completion()}
 * completes with the final {@link io.dialer.core.CallRecord}.
 *
 * <pre>{@code
 * DialerConfig config = DialerConfig.builder()
 *         .trunk(TrunkConfig.of("default", "sip:127.0.0.1:5062")
 *                 .withCallerId("+12025550100", CallerIdPolicy.defaults()))
 *         .build();
 * try (Dialer dialer = Dialer.start(config)) {
 *     Call call = dialer.dial(DialRequest.to("+12025550486"),
 *             event -> System.out.println(event.type().wireName() + " " + event.record().status().wireName()));
 *     CallRecord record = call.completion().toCompletableFuture().join();
 *     System.out.println(record.disconnectionReason().wireName() + ": " + record.explanation());
 *     System.out.println(CallRecords.toJson(record, true));
 * }
 * }</pre>
 *
 * <p>Lifecycle: {@code dialing -> ringing -> active -> ended}, or one of
 * {@code not_connected}, {@code canceled}, {@code error}. Events
 * ({@link io.dialer.core.DialerEvent}) arrive in order on one event thread:
 * {@code call_state_changed} on every change, {@code call_started} only for
 * calls that became active, then {@code call_ended} and {@code call_analyzed}
 * once for every call. Each trunk's concurrency and calls-per-second limits are
 * kept by the dialer; a call that waits past the trunk's budget ends
 * {@code error / concurrency_limit_reached}. {@link io.dialer.core.RetryPolicy}
 * says whether and when to try an ended call again.
 */
package io.dialer.core;
