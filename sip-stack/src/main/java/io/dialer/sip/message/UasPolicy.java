package io.dialer.sip.message;

import gov.nist.javax.sip.message.SIPRequest;

import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * What a UAS accepts, for {@link RequestChecks}.
 *
 * @param allowedMethods      methods the UA implements (RFC 3261 §8.2.1), listed in Allow on a 405
 * @param supportedOptionTags option tags it implements (RFC 3261 §8.2.2.3); anything else in Require gets 420
 * @param acceptedBodyTypes   media types it can take in a request body (RFC 3261 §8.2.3), lower case
 * @param acceptedEncodings   content codings it can take; "identity" is always understood
 * @param answerBodyTypes     media types its INVITE answers carry (application/sdp); an INVITE whose
 *                            Accept allows none of them gets 406 (RFC 4475 §3.3.15)
 * @param addressedToUs       true when a request's Request-URI is one of ours; a request for
 *                            elsewhere with Max-Forwards 0 gets 483 (RFC 3261 §16.3 step 3)
 */
public record UasPolicy(
        Set<String> allowedMethods,
        Set<String> supportedOptionTags,
        Set<String> acceptedBodyTypes,
        Set<String> acceptedEncodings,
        Set<String> answerBodyTypes,
        Predicate<SIPRequest> addressedToUs) {

    public UasPolicy {
        allowedMethods = Set.copyOf(Objects.requireNonNull(allowedMethods, "allowedMethods"));
        supportedOptionTags = lower(supportedOptionTags, "supportedOptionTags");
        acceptedBodyTypes = lower(acceptedBodyTypes, "acceptedBodyTypes");
        acceptedEncodings = lower(acceptedEncodings, "acceptedEncodings");
        answerBodyTypes = lower(answerBodyTypes, "answerBodyTypes");
        Objects.requireNonNull(addressedToUs, "addressedToUs");
        if (allowedMethods.isEmpty()) {
            throw new IllegalArgumentException("allowedMethods must not be empty");
        }
    }

    /**
     * The dialer's user agent: calls (INVITE, ACK, BYE, CANCEL), OPTIONS
     * pings, transfers (REFER, NOTIFY) and INFO; SDP and sipfrag bodies; no
     * option tags; every request treated as addressed to us.
     */
    public static UasPolicy dialerDefaults() {
        return new UasPolicy(
                Set.of("INVITE", "ACK", "BYE", "CANCEL", "OPTIONS", "REFER", "NOTIFY", "INFO"),
                Set.of(),
                Set.of("application/sdp", "message/sipfrag"),
                Set.of("identity"),
                Set.of("application/sdp"),
                request -> true);
    }

    public UasPolicy withAllowedMethods(Set<String> methods) {
        return new UasPolicy(methods, supportedOptionTags, acceptedBodyTypes, acceptedEncodings, answerBodyTypes,
                addressedToUs);
    }

    public UasPolicy withAddressedToUs(Predicate<SIPRequest> predicate) {
        return new UasPolicy(allowedMethods, supportedOptionTags, acceptedBodyTypes, acceptedEncodings,
                answerBodyTypes, predicate);
    }

    private static Set<String> lower(Set<String> values, String name) {
        return Objects.requireNonNull(values, name).stream().map(v -> v.toLowerCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet());
    }
}
