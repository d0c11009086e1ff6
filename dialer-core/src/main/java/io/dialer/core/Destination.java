package io.dialer.core;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import io.dialer.sip.message.SipFactories;
import java.text.ParseException;
import java.util.Locale;

/**
 * A validated call destination: an E.164 number, or a SIP URI dialed as is.
 *
 * @param text   the number in E.164 form ({@code +15557654321}) or the SIP URI
 * @param sipUri whether {@code text} is a SIP URI
 */
public record Destination(String text, boolean sipUri) {

    private static final PhoneNumberUtil PHONE = PhoneNumberUtil.getInstance();

    /** Thrown when a destination cannot be dialed; the message says what is wrong with it. */
    public static final class InvalidDestinationException extends IllegalArgumentException {
        InvalidDestinationException(String problem) {
            super(problem);
        }
    }

    /**
     * Validates a destination. A number is checked against the numbering plan
     * with libphonenumber; numbers without {@code +} are read in the default
     * region. Spaces and letters are refused rather than guessed at: a dialer
     * should not call a number the caller did not write exactly.
     *
     * @throws InvalidDestinationException with a sentence naming the problem
     */
    public static Destination parse(String input, String defaultRegion) {
        if (input == null || input.isEmpty()) {
            throw new InvalidDestinationException("the destination is empty");
        }
        String lower = input.toLowerCase(Locale.ROOT);
        if (lower.startsWith("sip:") || lower.startsWith("sips:")) {
            return sipUri(input);
        }
        if (input.chars().anyMatch(Character::isWhitespace)) {
            throw new InvalidDestinationException("'" + input + "' contains spaces; write the number as +<country><number>");
        }
        if (input.chars().anyMatch(Character::isLetter)) {
            throw new InvalidDestinationException("'" + input + "' contains letters; a phone number has only digits "
                    + "and a leading +");
        }
        if (!input.matches("\\+?[0-9().-]+")) {
            throw new InvalidDestinationException("'" + input + "' contains characters other than digits and a leading +");
        }
        PhoneNumber number;
        try {
            number = PHONE.parse(input, defaultRegion);
        } catch (NumberParseException e) {
            throw new InvalidDestinationException("'" + input + "' is not a phone number: " + describe(e));
        }
        String region = PHONE.getRegionCodeForNumber(number);
        if (region == null) {
            region = PHONE.getRegionCodeForCountryCode(number.getCountryCode()); // the code's main region
        }
        String where = region == null || "ZZ".equals(region) ? "country code +" + number.getCountryCode()
                : regionName(region);
        String digits = String.valueOf(number.getNationalNumber());
        switch (PHONE.isPossibleNumberWithReason(number)) {
            case TOO_SHORT:
                throw new InvalidDestinationException("'" + input + "' is too short for " + where + " ("
                        + digits.length() + " national digits)");
            case TOO_LONG:
                throw new InvalidDestinationException("'" + input + "' is too long for " + where + " ("
                        + digits.length() + " national digits)");
            case INVALID_COUNTRY_CODE:
                throw new InvalidDestinationException("'" + input + "' has an unknown country code +"
                        + number.getCountryCode());
            case INVALID_LENGTH:
                throw new InvalidDestinationException("'" + input + "' has a length (" + digits.length()
                        + " national digits) that no number in " + where + " has");
            default:
                break;
        }
        if (!PHONE.isValidNumber(number)) {
            throw new InvalidDestinationException("'" + input + "' is not a valid number in " + where
                    + ": no such area code or number range");
        }
        return new Destination(PHONE.format(number, PhoneNumberFormat.E164), false);
    }

    private static Destination sipUri(String input) {
        try {
            javax.sip.address.URI uri = SipFactories.ADDRESSES.createURI(input);
            if (!(uri instanceof javax.sip.address.SipURI sip) || sip.getHost() == null || sip.getHost().isEmpty()) {
                throw new InvalidDestinationException("'" + input + "' has no host");
            }
            return new Destination(input, true);
        } catch (ParseException e) {
            throw new InvalidDestinationException("'" + input + "' is not a valid SIP URI: " + e.getMessage());
        }
    }

    private static String describe(NumberParseException e) {
        switch (e.getErrorType()) {
            case INVALID_COUNTRY_CODE:
                return "no known country code (start it with + and the country code)";
            case NOT_A_NUMBER:
                return "it does not look like a number";
            case TOO_SHORT_NSN:
            case TOO_SHORT_AFTER_IDD:
                return "it is too short";
            case TOO_LONG:
                return "it is too long";
            default:
                return e.getMessage();
        }
    }

    private static String regionName(String region) {
        String name = new Locale("", region).getDisplayCountry(Locale.ENGLISH);
        return name.isEmpty() || name.equals(region) ? region : name + " (" + region + ")";
    }

    /** The user part for a Request-URI at the trunk ({@code +15557654321}), or the whole URI. */
    @Override
    public String toString() {
        return text;
    }
}
