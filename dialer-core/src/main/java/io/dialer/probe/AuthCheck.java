package io.dialer.probe;

import gov.nist.javax.sip.message.SIPResponse;
import io.dialer.core.TrunkAddress;
import io.dialer.sip.transport.Endpoint;
import io.dialer.sip.ua.CallEvent;
import io.dialer.sip.ua.CallFailure;
import io.dialer.sip.ua.InviteRequest;
import io.dialer.sip.ua.OutgoingCall;
import io.dialer.sip.ua.SipStack;
import io.dialer.sip.ua.TracedMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Check 5: does the trunk take our credentials. An INVITE without a body goes
 * to a number nobody has ({@link ProbeOptions#PROBE_NUMBER}), the UA core answers a
 * 401/407 with the credentials (RFC 3261 §22.2), and the INVITE is canceled
 * as soon as the outcome is known (RFC 3261 §9.1): at the first provisional
 * other than 100, or a moment after a 100 with nothing refused; a 2xx gets a BYE.
 */
final class AuthCheck {

    static final String NAME = "auth";

    /** After a 100 Trying, how long a refusal (403, a second challenge) may take before we call it accepted. */
    private static final Duration TRYING_GRACE = Duration.ofSeconds(2);
    private static final Pattern CREDENTIAL_WORDS = Pattern.compile("password|credential|authenticat",
            Pattern.CASE_INSENSITIVE);
    private static final int MAX_HEADER_TEXT = 100;
    private static final Pattern REALM = Pattern.compile("realm\\s*=\\s*\"([^\"]*)\"", Pattern.CASE_INSENSITIVE);

    CheckResult run(SipStack stack, ProbeTap tap, TrunkAddress address, List<Endpoint> targets, ProbeOptions options) {
        // Never the --to number: that one gets the real test call, this INVITE must ring nobody.
        String requestUri = "sip:" + ProbeOptions.PROBE_NUMBER + "@" + address.hostPort();
        String host = address.host().contains(":") ? "[" + address.host() + "]" : address.host();
        String from = "sip:" + (options.from() != null ? options.from() : "dialer") + "@" + host;
        InviteRequest invite = new InviteRequest(requestUri, from, null, targets.get(0).transport(), targets, null,
                options.credentials(), Map.of());
        String callId = stack.userAgent().newCallId();

        CompletableFuture<CallEvent> decisive = new CompletableFuture<>();
        CompletableFuture<Void> finished = new CompletableFuture<>();
        AtomicInteger responses = new AtomicInteger();
        OutgoingCall call = stack.userAgent().invite(invite, callId, event -> {
            int seen = responses.incrementAndGet();
            if (event instanceof CallEvent.Provisional p) {
                if (p.response().getStatusCode() > 100) {
                    decisive.complete(event);
                } else {
                    // A 100 comes from the next hop (RFC 3261 §16.2), before whoever decides: a 403
                    // or a second challenge may still follow, so give those a moment.
                    stack.scheduler().schedule(() -> {
                        if (responses.get() == seen) {
                            decisive.complete(event);
                        }
                    }, TRYING_GRACE);
                }
            } else if (event instanceof CallEvent.Answered) {
                decisive.complete(event);
            } else if (event instanceof CallEvent.Ended) {
                finished.complete(null);
            } else {
                decisive.complete(event);
                finished.complete(null);
            }
        });
        CallEvent outcome;
        try {
            outcome = decisive.get(options.timeout().plus(TRYING_GRACE).toMillis() + 30_000, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            call.hangup();
            return CheckResult.fail(NAME, "no final answer to the INVITE within the time allowed",
                    "the trunk takes INVITEs but never answers them; show the provider this probe's time");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            call.hangup();
            return CheckResult.fail(NAME, "interrupted", null);
        } catch (ExecutionException e) {
            return CheckResult.fail(NAME, "the INVITE could not be placed: " + e.getCause().getMessage(), null);
        }
        // CANCEL before anyone answers (RFC 3261 §9.1), BYE if someone did; a 2xx that crosses
        // the CANCEL gets its ACK and a BYE from the UA core. Nothing is sent after a final response.
        call.hangup();
        try {
            finished.get(10, TimeUnit.SECONDS);
        } catch (TimeoutException | ExecutionException e) {
            // The verdict is known; a CANCEL still in flight is torn down with the stack.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return judge(outcome, tap.received(callId), options, requestUri);
    }

    private CheckResult judge(CallEvent outcome, List<TracedMessage> received, ProbeOptions options,
                              String requestUri) {
        TracedMessage challenge = received.stream()
                .filter(m -> m.firstLine().startsWith("SIP/2.0 401") || m.firstLine().startsWith("SIP/2.0 407"))
                .findFirst().orElse(null);
        boolean hasCredentials = options.credentials().isPresent();
        String challenged = challenge == null ? null
                : challenge.firstLine().substring("SIP/2.0 ".length()) + realm(challenge);
        if (outcome instanceof CallEvent.Failed failed) {
            CallFailure f = failed.failure();
            if (f instanceof CallFailure.AuthRejected rejected) {
                SIPResponse second = rejected.challenge();
                String code = second.getStatusCode() + " " + second.getReasonPhrase();
                if (!hasCredentials) {
                    return CheckResult.fail(NAME, "the trunk asks for credentials (" + code + realm(second)
                            + ") and none were given", "pass --username and --password for this trunk");
                }
                return CheckResult.fail(NAME, "credentials rejected (second challenge): " + challenged
                                + ", answered with user '" + options.credentials().get().username() + "', then "
                                + code + " again",
                        "check --username and --password (and the realm) with the provider; a trunk that ties "
                                + "credentials to an IP address also rejects them from elsewhere");
            }
            return CheckResult.fail(NAME, "no answer to the INVITE: " + f.describe(),
                    "OPTIONS may pass while INVITEs are dropped (size over UDP, a firewall's SIP helper): "
                            + "try --transport tcp");
        }
        SIPResponse response = outcome instanceof CallEvent.Provisional p ? p.response()
                : outcome instanceof CallEvent.Answered a ? a.response()
                : outcome instanceof CallEvent.Rejected r ? r.response() : null;
        int status = response == null ? 0 : response.getStatusCode();
        String answer = response == null ? "?" : status + " " + response.getReasonPhrase() + evidenceHeaders(response);
        if (status == 403) {
            if (challenged != null && CREDENTIAL_WORDS.matcher(answer).find()) {
                // RFC 3261 §22.3 lets a server refuse wrong credentials with 403 instead of a new
                // challenge; when its own words say so, believe them over the usual meaning.
                return CheckResult.fail(NAME, "credentials rejected (403 after auth, the trunk says why): "
                                + challenged + " answered with user '" + options.credentials().map(c -> c.username())
                                .orElse("?") + "', then " + answer,
                        "check --username and --password (and the realm) with the provider");
            }
            if (challenged != null) {
                return CheckResult.fail(NAME, "403 after auth: credentials accepted (" + challenged + " answered) "
                                + "but the trunk refuses this caller ID or source IP: " + answer,
                        "call from a number the provider has verified on your account (--from), and check the "
                                + "trunk's IP allow-list");
            }
            return CheckResult.fail(NAME, "403 without a challenge: the trunk refuses this source IP or caller ID "
                            + "before asking for credentials: " + answer,
                    "ask the provider to allow your public IP address (IP-authenticated trunks), and use a caller "
                            + "ID (--from) on your account");
        }
        String took;
        if (outcome instanceof CallEvent.Provisional && status == 100) {
            took = "the trunk took the INVITE (100 Trying) and refused nothing within " + TRYING_GRACE.toSeconds()
                    + " s; canceled";
        } else if (outcome instanceof CallEvent.Provisional) {
            took = "the trunk routed the INVITE (" + answer + "); canceled before answer";
        } else if (outcome instanceof CallEvent.Answered) {
            took = "the INVITE was answered (" + answer + "); hung up at once";
        } else {
            took = "the trunk routed it and answered " + answer + " for " + requestUri;
        }
        if (challenged != null) {
            return CheckResult.ok(NAME, "credentials accepted: " + challenged + " answered; " + took);
        }
        if (hasCredentials) {
            return CheckResult.warn(NAME, "no challenge: " + took + "; the credentials were never asked for",
                    "the trunk authenticates by IP address: the credentials are not needed (or are checked only "
                            + "for REGISTER)");
        }
        return CheckResult.ok(NAME, "no challenge (IP authentication): " + took);
    }

    private static String evidenceHeaders(SIPResponse response) {
        StringBuilder b = new StringBuilder();
        for (String name : List.of("Warning", "Reason")) {
            var h = response.getHeader(name);
            if (h != null) {
                String text = h.toString().strip();
                if (text.length() > MAX_HEADER_TEXT) {
                    text = text.substring(0, MAX_HEADER_TEXT) + "...";
                }
                b.append(" [").append(text).append(']');
            }
        }
        return b.toString();
    }

    private static String realm(TracedMessage message) {
        Matcher m = REALM.matcher(new String(message.bytes(), StandardCharsets.ISO_8859_1));
        return m.find() ? " realm \"" + m.group(1) + "\"" : "";
    }

    private static String realm(SIPResponse response) {
        Matcher m = REALM.matcher(response.toString());
        return m.find() ? " realm \"" + m.group(1) + "\"" : "";
    }
}
