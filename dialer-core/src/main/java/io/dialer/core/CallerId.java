package io.dialer.core;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The calling identity an INVITE presents: the From URI and, per the trunk's
 * {@link CallerIdPolicy}, P-Asserted-Identity (RFC 3325 §9.1) and
 * {@code Privacy: id} (RFC 3325 §9.3, RFC 3323 §4.2).
 *
 * @param user the From user part: an E.164 number, or a plain user name such as {@code dialer}
 */
record CallerId(String user) {

    private static final PhoneNumberUtil PHONE = PhoneNumberUtil.getInstance();

    /**
     * Reads a configured or requested caller ID. Something that looks like a
     * phone number must be a valid one (a trunk would reject it, or worse,
     * present a wrong number); anything else must be a plain SIP user.
     *
     * @throws IllegalArgumentException naming the problem
     */
    static CallerId parse(String text, String defaultRegion) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("the caller ID is empty");
        }
        if (text.matches("\\+?[0-9]+")) {
            try {
                var number = PHONE.parse(text, defaultRegion);
                if (!PHONE.isValidNumber(number)) {
                    throw new IllegalArgumentException("caller ID '" + text + "' is not a valid phone number");
                }
                return new CallerId(PHONE.format(number, PhoneNumberFormat.E164));
            } catch (NumberParseException e) {
                throw new IllegalArgumentException("caller ID '" + text + "' is not a phone number: " + e.getMessage());
            }
        }
        // RFC 3261 §25.1 'user' characters, kept to the unreserved set a trunk will accept.
        if (!text.matches("[A-Za-z0-9._~!$&'()*+,;=-]+")) {
            throw new IllegalArgumentException("caller ID '" + text + "' must be a phone number or a plain SIP user name");
        }
        return new CallerId(text);
    }

    boolean isNumber() {
        return user.startsWith("+");
    }

    String fromUri(String host) {
        return "sip:" + user + "@" + host;
    }

    /** The identity headers for an INVITE through a trunk with this policy. */
    Map<String, String> headers(String host, CallerIdPolicy policy) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (policy.assertIdentity()) {
            headers.put("P-Asserted-Identity", "<" + fromUri(host) + ">");
        }
        if (policy.privacyId()) {
            headers.put("Privacy", "id");
        }
        return headers;
    }
}
