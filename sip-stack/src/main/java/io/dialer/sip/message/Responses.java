package io.dialer.sip.message;

import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;

import java.text.ParseException;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/** Builds jain-sip responses to requests, as a UAS does (RFC 3261 §8.2.6). */
public final class Responses {

    private Responses() {
    }

    /**
     * A response to {@code request} with the given status and reason phrase.
     * Via, From, To, Call-ID and CSeq are copied (RFC 3261 §8.2.6.2); a To tag
     * is added to every response but 100 when the request had none, since the
     * response either creates a dialog or must be matchable (RFC 3261 §8.2.6.2).
     *
     * @throws IllegalArgumentException when the status is outside 100-699
     */
    public static SIPResponse create(SIPRequest request, int status, String phrase) {
        Objects.requireNonNull(request, "request");
        if (status < 100 || status > 699) {
            throw new IllegalArgumentException("status must be 100-699, was " + status);
        }
        SIPResponse response = request.createResponse(status, phrase);
        if (status != 100 && response.getTo() != null && response.getTo().getTag() == null) {
            try {
                response.getTo().setTag(newTag());
            } catch (ParseException e) {
                throw new IllegalStateException("generated tag rejected by jain-sip", e);
            }
        }
        return response;
    }

    /** A fresh tag: 64 random bits, enough to be globally unique (RFC 3261 §19.3). */
    public static String newTag() {
        return Long.toHexString(ThreadLocalRandom.current().nextLong() | 1L << 63);
    }
}
