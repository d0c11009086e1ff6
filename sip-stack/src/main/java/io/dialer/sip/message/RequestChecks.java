package io.dialer.sip.message;

import gov.nist.javax.sip.header.HeaderFactoryImpl;
import gov.nist.javax.sip.header.Via;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;

import javax.sip.header.AcceptHeader;
import javax.sip.header.ContentEncodingHeader;
import javax.sip.header.ContentTypeHeader;
import javax.sip.header.MaxForwardsHeader;
import javax.sip.header.RequireHeader;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The checks a UAS makes on a parsed request before acting on it (RFC 3261
 * §8.2), in the RFC's order: method (405), Request-URI scheme (416),
 * Max-Forwards for a request addressed elsewhere (483), Require (420),
 * body type and coding (415), and what the UAC accepts back (406).
 * A Via branch that is only the RFC 3261 magic cookie (RFC 4475 §3.2.1)
 * is refused with 400 first, since no transaction could be matched with it.
 * ACK is never answered (RFC 3261 §17.1.1.3) and so never refused.
 *
 * <p>Immutable and thread-safe.
 */
public final class RequestChecks {

    /** RFC 3261 §8.2.2.1: the schemes this UA understands in a Request-URI. */
    private static final Set<String> SCHEMES = Set.of("sip", "sips", "tel");

    /** RFC 3261 §8.1.1.7: the prefix of an RFC 3261 branch. */
    private static final String MAGIC_COOKIE = "z9hG4bK";

    private final UasPolicy policy;

    public RequestChecks(UasPolicy policy) {
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    /** Why a request is refused and what the response carries. */
    public record Rejection(int status, String reasonPhrase, String explanation, List<HeaderLine> extraHeaders) {
        public Rejection {
            extraHeaders = List.copyOf(extraHeaders);
        }

        /** The response to send: status, reason phrase, To tag, plus the extra headers (Allow, Unsupported, Accept...). */
        public SIPResponse toResponse(SIPRequest request) {
            SIPResponse response = Responses.create(request, status, reasonPhrase);
            HeaderFactoryImpl headers = new HeaderFactoryImpl();
            try {
                for (HeaderLine line : extraHeaders) {
                    // createHeaders: list headers (Allow, Unsupported, Accept) come back one per value.
                    for (Object header : headers.createHeaders(line.name() + ": " + line.value())) {
                        response.addHeader((javax.sip.header.Header) header);
                    }
                }
            } catch (ParseException e) {
                throw new IllegalStateException("jain-sip rejected a header we built: " + e.getMessage(), e);
            }
            return response;
        }
    }

    /** One header of a rejection, e.g. {@code Allow: INVITE, ACK}. */
    public record HeaderLine(String name, String value) {
    }

    /** Runs the checks; empty when the request may proceed. */
    public Optional<Rejection> check(SIPRequest request) {
        String method = request.getMethod();
        if ("ACK".equals(method)) {
            return Optional.empty();
        }
        Via via = request.getTopmostVia();
        if (via != null && MAGIC_COOKIE.equals(via.getBranch())) {
            return reject(400, "Bad Request", "the Via branch is the RFC 3261 magic cookie with no transaction"
                    + " identifier after it (RFC 4475 §3.2.1)");
        }
        if (!policy.allowedMethods().contains(method)) {
            return reject(405, "Method Not Allowed", "method " + method + " is not implemented here (RFC 3261 §8.2.1)",
                    new HeaderLine("Allow", String.join(", ", new TreeSet<>(policy.allowedMethods()))));
        }
        String scheme = request.getRequestURI().getScheme().toLowerCase(Locale.ROOT);
        if (!SCHEMES.contains(scheme)) {
            return reject(416, "Unsupported URI Scheme", "Request-URI scheme '" + scheme
                    + "' is not sip, sips or tel (RFC 3261 §8.2.2.1)");
        }
        MaxForwardsHeader maxForwards = request.getMaxForwards();
        if (maxForwards != null && maxForwards.getMaxForwards() == 0 && !policy.addressedToUs().test(request)) {
            return reject(483, "Too Many Hops", "Max-Forwards is 0 and the request is for "
                    + request.getRequestURI() + ", not for us (RFC 3261 §16.3)");
        }
        if (!"CANCEL".equals(method)) {
            // RFC 3261 §8.2.2.3: Require is not honoured on CANCEL (and ACK, handled above).
            List<String> unsupported = unsupportedRequire(request);
            if (!unsupported.isEmpty()) {
                return reject(420, "Bad Extension", "Require lists option tags not supported here: "
                        + String.join(", ", unsupported) + " (RFC 3261 §8.2.2.3)",
                        new HeaderLine("Unsupported", String.join(", ", unsupported)));
            }
        }
        Optional<Rejection> body = checkBody(request);
        if (body.isPresent()) {
            return body;
        }
        if ("INVITE".equals(method) && !acceptsAnswer(request)) {
            return reject(406, "Not Acceptable", "Accept allows none of " + policy.answerBodyTypes()
                    + ", so no answer can be sent (RFC 3261 §21.4.7, RFC 4475 §3.3.15)",
                    new HeaderLine("Warning", "399 - \"Accept must include application/sdp\""));
        }
        return Optional.empty();
    }

    private List<String> unsupportedRequire(SIPRequest request) {
        List<String> unsupported = new ArrayList<>();
        Iterator<?> it = request.getHeaders(RequireHeader.NAME);
        while (it.hasNext()) {
            String tag = ((RequireHeader) it.next()).getOptionTag();
            if (tag != null && !policy.supportedOptionTags().contains(tag.toLowerCase(Locale.ROOT))) {
                unsupported.add(tag);
            }
        }
        return unsupported;
    }

    /** RFC 3261 §8.2.3: a body we cannot process gets 415 naming what we take. */
    private Optional<Rejection> checkBody(SIPRequest request) {
        byte[] body = request.getRawContent();
        if (body == null || body.length == 0) {
            return Optional.empty();
        }
        ContentTypeHeader type = request.getContentTypeHeader();
        String mediaType = type == null ? "(none)"
                : (type.getContentType() + "/" + type.getContentSubType()).toLowerCase(Locale.ROOT);
        if (!policy.acceptedBodyTypes().contains(mediaType)) {
            return reject(415, "Unsupported Media Type", "body type " + mediaType + " is not one of "
                    + new TreeSet<>(policy.acceptedBodyTypes()) + " (RFC 3261 §8.2.3)",
                    new HeaderLine("Accept", String.join(", ", new TreeSet<>(policy.acceptedBodyTypes()))));
        }
        Iterator<?> it = request.getHeaders(ContentEncodingHeader.NAME);
        while (it.hasNext()) {
            String coding = ((ContentEncodingHeader) it.next()).getEncoding().toLowerCase(Locale.ROOT);
            if (!coding.equals("identity") && !policy.acceptedEncodings().contains(coding)) {
                return reject(415, "Unsupported Media Type", "content coding " + coding
                        + " is not understood (RFC 3261 §8.2.3)",
                        new HeaderLine("Accept-Encoding", String.join(", ", new TreeSet<>(policy.acceptedEncodings()))));
            }
        }
        return Optional.empty();
    }

    /** True when there is no Accept, or it admits one of the types our answers carry (RFC 3261 §20.1). */
    private boolean acceptsAnswer(SIPRequest request) {
        Iterator<?> it = request.getHeaders(AcceptHeader.NAME);
        if (!it.hasNext()) {
            return true;
        }
        while (it.hasNext()) {
            AcceptHeader accept = (AcceptHeader) it.next();
            String type = accept.getContentType() == null ? "" : accept.getContentType().toLowerCase(Locale.ROOT);
            String sub = accept.getContentSubType() == null ? "" : accept.getContentSubType().toLowerCase(Locale.ROOT);
            for (String answer : policy.answerBodyTypes()) {
                int slash = answer.indexOf('/');
                if ((type.equals("*") || type.equals(answer.substring(0, slash)))
                        && (sub.equals("*") || sub.equals(answer.substring(slash + 1)))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static Optional<Rejection> reject(int status, String phrase, String explanation, HeaderLine... headers) {
        return Optional.of(new Rejection(status, phrase, explanation, List.of(headers)));
    }
}
