package io.dialer.sim;

import java.util.Map;
import java.util.Optional;

/**
 * Reason phrases of the SIP status codes and the Q.850 causes carriers put
 * in a {@code Reason} header (RFC 3326) next to the common rejections.
 */
final class ResponseTable {

    /** A Q.850 cause value and its text as ITU-T Q.850 Table 1 names it. */
    record Q850(int cause, String text) {

        /** The Reason header value of RFC 3326 §2. */
        String reasonHeader() {
            return "Q.850;cause=" + cause + ";text=\"" + text + "\"";
        }
    }

    /* RFC 3261 §21 and the registrations since (IANA "SIP Response Codes"). */
    private static final Map<Integer, String> PHRASES = Map.ofEntries(
            Map.entry(300, "Multiple Choices"), Map.entry(301, "Moved Permanently"),
            Map.entry(302, "Moved Temporarily"), Map.entry(305, "Use Proxy"), Map.entry(380, "Alternative Service"),
            Map.entry(400, "Bad Request"), Map.entry(401, "Unauthorized"), Map.entry(402, "Payment Required"),
            Map.entry(403, "Forbidden"), Map.entry(404, "Not Found"), Map.entry(405, "Method Not Allowed"),
            Map.entry(406, "Not Acceptable"), Map.entry(407, "Proxy Authentication Required"),
            Map.entry(408, "Request Timeout"), Map.entry(410, "Gone"), Map.entry(412, "Conditional Request Failed"),
            Map.entry(413, "Request Entity Too Large"), Map.entry(414, "Request-URI Too Long"),
            Map.entry(415, "Unsupported Media Type"), Map.entry(416, "Unsupported URI Scheme"),
            Map.entry(417, "Unknown Resource-Priority"), Map.entry(420, "Bad Extension"),
            Map.entry(421, "Extension Required"), Map.entry(422, "Session Interval Too Small"),
            Map.entry(423, "Interval Too Brief"), Map.entry(428, "Use Identity Header"),
            Map.entry(429, "Provide Referrer Identity"), Map.entry(433, "Anonymity Disallowed"),
            Map.entry(436, "Bad Identity Info"), Map.entry(437, "Unsupported Credential"),
            Map.entry(438, "Invalid Identity Header"), Map.entry(439, "First Hop Lacks Outbound Support"),
            Map.entry(440, "Max-Breadth Exceeded"), Map.entry(469, "Bad Info Package"),
            Map.entry(470, "Consent Needed"), Map.entry(480, "Temporarily Unavailable"),
            Map.entry(481, "Call/Transaction Does Not Exist"), Map.entry(482, "Loop Detected"),
            Map.entry(483, "Too Many Hops"), Map.entry(484, "Address Incomplete"), Map.entry(485, "Ambiguous"),
            Map.entry(486, "Busy Here"), Map.entry(487, "Request Terminated"), Map.entry(488, "Not Acceptable Here"),
            Map.entry(489, "Bad Event"), Map.entry(491, "Request Pending"), Map.entry(493, "Undecipherable"),
            Map.entry(494, "Security Agreement Required"), Map.entry(500, "Server Internal Error"),
            Map.entry(501, "Not Implemented"), Map.entry(502, "Bad Gateway"), Map.entry(503, "Service Unavailable"),
            Map.entry(504, "Server Time-out"), Map.entry(505, "Version Not Supported"),
            Map.entry(513, "Message Too Large"), Map.entry(555, "Push Notification Service Not Supported"),
            Map.entry(580, "Precondition Failure"), Map.entry(600, "Busy Everywhere"), Map.entry(603, "Decline"),
            Map.entry(604, "Does Not Exist Anywhere"), Map.entry(606, "Not Acceptable"), Map.entry(607, "Unwanted"),
            Map.entry(608, "Rejected"));

    /*
     * The cause a carrier's gateway sends with each common rejection. Mostly
     * the SIP-to-ISUP mapping of RFC 3398 §8.2.6.1 (404→1, 484→28, 486→17,
     * 600→17, 603→21, 403→21, 604→1, 410→22, 502→38, 504→102); where carriers
     * commonly differ from it we follow the carriers: 480 with 19 (no answer,
     * user alerted) where RFC 3398 says 18, 408 with 18 (no user responding)
     * where it says 102, and 503 with 34 (no circuit) where it says 41.
     */
    private static final Map<Integer, Q850> CAUSES = Map.ofEntries(
            Map.entry(403, new Q850(21, "Call rejected")),
            Map.entry(404, new Q850(1, "Unallocated (unassigned) number")),
            Map.entry(408, new Q850(18, "No user responding")),
            Map.entry(410, new Q850(22, "Number changed")),
            Map.entry(480, new Q850(19, "No answer from user (user alerted)")),
            Map.entry(484, new Q850(28, "Invalid number format (address incomplete)")),
            Map.entry(486, new Q850(17, "User busy")),
            Map.entry(502, new Q850(38, "Network out of order")),
            Map.entry(503, new Q850(34, "No circuit/channel available")),
            Map.entry(504, new Q850(102, "Recovery on timer expiry")),
            Map.entry(600, new Q850(17, "User busy")),
            Map.entry(603, new Q850(21, "Call rejected")),
            Map.entry(604, new Q850(1, "Unallocated (unassigned) number")));

    private ResponseTable() {
    }

    /** The standard reason phrase, or "Unknown" for an unregistered code. */
    static String phrase(int status) {
        return PHRASES.getOrDefault(status, "Unknown");
    }

    /** The Q.850 cause carriers send with this rejection, if it is a common one. */
    static Optional<Q850> q850(int status) {
        return Optional.ofNullable(CAUSES.get(status));
    }
}
