package io.dialer.probe;

import gov.nist.javax.sip.message.SIPResponse;
import io.dialer.core.TrunkAddress;
import io.dialer.sip.transport.Endpoint;
import io.dialer.sip.ua.SipStack;
import io.dialer.sip.ua.UserAgent;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.sip.header.ContactHeader;
import javax.sip.header.ExpiresHeader;

/**
 * Check 5b ({@code --register}): a REGISTER for the account (RFC 3261 §10.2),
 * answering the registrar's digest challenge, then the binding removed again
 * with {@code Expires: 0} (§10.2.2) so the probe leaves nothing behind.
 */
final class RegisterCheck {

    static final String NAME = "register";

    CheckResult run(SipStack stack, TrunkAddress address, Endpoint target, ProbeOptions options) {
        String user = options.credentials().map(c -> c.username())
                .orElse(options.from() != null ? options.from() : "dialer");
        String host = address.host().contains(":") ? "[" + address.host() + "]" : address.host();
        String aor = "sip:" + user + "@" + host;
        String registrar = "sip:" + address.hostPort();
        SIPResponse response;
        try {
            response = register(stack.userAgent(), registrar, aor, target, options, 60);
        } catch (TimeoutException e) {
            return CheckResult.fail(NAME, "no answer to REGISTER " + aor + " within " + options.timeout().toMillis()
                    + " ms", "the trunk may not take registrations from this address; ask the provider");
        } catch (ExecutionException e) {
            String why = e.getCause() instanceof UserAgent.RequestFailedException f ? f.failure().describe()
                    : String.valueOf(e.getCause().getMessage());
            return CheckResult.fail(NAME, "REGISTER failed: " + why, "see the transport check above");
        }
        int status = response.getStatusCode();
        String line = status + " " + response.getReasonPhrase();
        if (status / 100 == 2) {
            String expires = expires(response);
            try {
                register(stack.userAgent(), registrar, aor, target, options, 0); // RFC 3261 §10.2.2: remove it again
            } catch (TimeoutException | ExecutionException e) {
                // The binding expires on its own; the verdict stands.
            }
            return CheckResult.ok(NAME, "registered " + aor + ": " + line
                    + (expires == null ? "" : ", binding kept for " + expires + " s")
                    + (options.credentials().isPresent() ? " (credentials accepted)" : "") + "; removed again");
        }
        if (status == 401 || status == 407) {
            return CheckResult.fail(NAME, options.credentials().isPresent()
                            ? "credentials rejected (second challenge): " + line + " to REGISTER " + aor
                            : "the registrar asks for credentials (" + line + ") and none were given",
                    "check --username and --password (the registrar's realm must match) with the provider");
        }
        if (status == 404 || status == 405 || status == 501) {
            return CheckResult.warn(NAME, "the trunk does not take REGISTER (" + line + ")",
                    "fine for trunks that authenticate by source IP or per call; otherwise ask the provider");
        }
        return CheckResult.fail(NAME, "REGISTER " + aor + " refused: " + line,
                "show this response to the provider");
    }

    private static SIPResponse register(UserAgent ua, String registrar, String aor, Endpoint target,
                                        ProbeOptions options, int expires)
            throws TimeoutException, ExecutionException {
        String tag = HexFormat.of().formatHex(new byte[] {(byte) ThreadLocalRandom.current().nextInt(),
                (byte) ThreadLocalRandom.current().nextInt(), (byte) ThreadLocalRandom.current().nextInt()});
        // RFC 3261 §10.2: To and From name the address of record; the Request-URI names the registrar's domain.
        Map<String, String> headers = Map.of("To", "<" + aor + ">", "From", "<" + aor + ">;tag=" + tag,
                "Expires", String.valueOf(expires));
        try {
            return ua.request("REGISTER", registrar, target, headers, options.credentials()).toCompletableFuture()
                    .get(options.timeout().toMillis() * 2, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ExecutionException(e);
        }
    }

    /** The expiry the registrar granted: the Contact's expires parameter, else the Expires header (§10.2.4). */
    private static String expires(SIPResponse response) {
        if (response.getHeader(ContactHeader.NAME) instanceof ContactHeader contact && contact.getExpires() >= 0) {
            return String.valueOf(contact.getExpires());
        }
        if (response.getHeader(ExpiresHeader.NAME) instanceof ExpiresHeader h) {
            return String.valueOf(h.getExpires());
        }
        return null;
    }
}
