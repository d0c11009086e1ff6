package io.dialer.sim;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The simulator's number plan: the last four digits {@code RCCC} of the
 * dialed number choose what happens. {@code R} is the ring time in seconds
 * (0-9; 180 Ringing goes out at once when it is above 0), {@code CCC} the
 * behaviour:
 * <ul>
 *   <li>200 answer, the callee hangs up after the hold time;</li>
 *   <li>201 answer and wait for the caller's BYE;</li>
 *   <li>180 ring until the caller cancels;</li>
 *   <li>181 forwarded to voicemail before answer: 181 with Diversion, then 480;</li>
 *   <li>183 early media (183 with SDP), then answer;</li>
 *   <li>666 603 "Decline - Suspected Spam";</li>
 *   <li>300-699 that final response, with the Reason header carriers send.</li>
 * </ul>
 * Anything else gets 404 with a Warning explaining the plan. Pure: the same
 * number always gets the same behaviour.
 */
public final class NumberPlan {

    /** The host in the Diversion and History-Info URIs the simulator writes. */
    static final String SIM_HOST = "sim";

    /** One line for people, also the 404's Warning text. */
    public static final String SUMMARY = "number plan: last 4 digits RCCC, R = ring seconds 0-9, CCC = "
            + "200 answer then callee BYE, 201 answer and wait for BYE, 180 ring forever, "
            + "181 forward to voicemail then 480, 183 early media then answer, 666 decline by phrase, "
            + "914/915 tone in early media, 918/919 person/machine, 300-699 reject with that code";

    /** The plan as a short table for a terminal, one code per line. */
    public static final String TABLE = String.join("\n",
            "The last 4 digits RCCC of the dialed number choose; R = ring seconds 0-9 (180 at once when R > 0).",
            "  x200  answer after R s, the callee hangs up after the hold time   e.g. +12025550200, +12025553200",
            "  x201  answer after R s, wait for the caller's BYE",
            "  x180  ring until the caller cancels (487)",
            "  x181  180, 181 with Diversion after R s, 480 1 s later (voicemail before answer)",
            "  x183  183 with early media SDP, answer after R s, callee hangs up after the hold time",
            "  x607  607 Unwanted    x608  608 Rejected (Reason: spam)    x666  603 \"Decline - Suspected Spam\"",
            "  x914  183 with a vacant-code special information tone   x915  the same with a no-circuit tone",
            "  x918  answer, a short \"hello\", then silence (a person)   x919  a long greeting and a beep (a machine)",
            "  x300-x699  that response after R s, with a Q.850 Reason where carriers send one",
            "             (x486 busy, x480, x404, x603, x503 with Retry-After, ...)",
            "  anything else  404 with a Warning explaining the plan");

    private NumberPlan() {
    }

    /**
     * The behaviour for the user part of a Request-URI (e.g. {@code +12025550486}):
     * its digits are taken, anything after a ';' (user parameters) and any
     * visual separators are ignored.
     */
    public static Behaviour behaviourFor(String userPart) {
        String digits = digits(userPart == null ? "" : userPart);
        if (digits.length() < 4) {
            return notInPlan("fewer than 4 digits");
        }
        String last = digits.substring(digits.length() - 4);
        int ringSeconds = last.charAt(0) - '0';
        int code = Integer.parseInt(last.substring(1));
        Duration ring = Duration.ofSeconds(ringSeconds);
        boolean ringing = ringSeconds > 0;
        String number = userPart.split(";", 2)[0];
        return switch (code) {
            case 200 -> answer(Behaviour.Kind.ANSWER_THEN_HANG_UP, ring, ringing,
                    "answer after " + ringSeconds + " s, callee hangs up after the hold time");
            case 201 -> answer(Behaviour.Kind.ANSWER_THEN_WAIT, ring, ringing,
                    "answer after " + ringSeconds + " s, wait for the caller's BYE");
            case 180 -> new Behaviour(Behaviour.Kind.RING_FOREVER, Duration.ZERO, true, 0, null, List.of(),
                    List.of(), "ring until the caller cancels");
            case 181 -> forward(number, ring, ringSeconds);
            case 183 -> answer(Behaviour.Kind.EARLY_MEDIA_THEN_ANSWER, ring, false,
                    "183 early media, answer after " + ringSeconds + " s, callee hangs up after the hold time");
            case 666 -> reject(603, "Decline - Suspected Spam", List.of(), ring, ringing);
            case 918 -> new Behaviour(Behaviour.Kind.ANSWER_HUMAN, Duration.ZERO, false, 200, "OK", List.of(),
                    List.of(), "answer, say a short hello and wait for the caller's BYE (a person)");
            case 919 -> new Behaviour(Behaviour.Kind.ANSWER_MACHINE, Duration.ZERO, false, 200, "OK", List.of(),
                    List.of(), "answer, play a 4.5 s greeting and a beep, wait for the caller's BYE (a machine)");
            case 914 -> new Behaviour(Behaviour.Kind.EARLY_SIT, Duration.ZERO, false, 0, "VC", List.of(), List.of(),
                    "183 early media with a vacant-code special information tone, until the caller cancels");
            case 915 -> new Behaviour(Behaviour.Kind.EARLY_SIT, Duration.ZERO, false, 0, "NC", List.of(), List.of(),
                    "183 early media with a no-circuit special information tone, until the caller cancels");
            default -> code >= 300 && code <= 699 ? reject(code, ResponseTable.phrase(code), rejectHeaders(code),
                    ring, ringing) : notInPlan("code " + last.substring(1) + " is not in the plan");
        };
    }

    private static Behaviour answer(Behaviour.Kind kind, Duration ring, boolean ringing, String description) {
        return new Behaviour(kind, ring, ringing, 200, "OK", List.of(), List.of(), description);
    }

    /**
     * Voicemail before answer the way carriers signal it: 181 with Diversion
     * (RFC 5806 §3) naming the number and why it was diverted, then a 480
     * with the same Diversion and History-Info (RFC 7044 §4) whose second
     * entry is the voicemail target, carrying the RFC 4458 {@code cause} URI
     * parameter; {@code rc=1} says it was retargeted from entry 1.
     */
    private static Behaviour forward(String number, Duration ring, int ringSeconds) {
        HeaderField diversion = new HeaderField("Diversion",
                "<sip:" + number + "@" + SIM_HOST + ">;reason=no-answer;counter=1");
        HeaderField history = new HeaderField("History-Info", "<sip:" + number + "@" + SIM_HOST + ">;index=1,"
                + "<sip:voicemail@" + SIM_HOST + ";cause=480>;index=1.1;rc=1");
        List<HeaderField> finalHeaders = new ArrayList<>(List.of(diversion, history));
        ResponseTable.q850(480).ifPresent(q -> finalHeaders.add(new HeaderField("Reason", q.reasonHeader())));
        return new Behaviour(Behaviour.Kind.FORWARD_THEN_UNAVAILABLE, ring, true, 480,
                ResponseTable.phrase(480), List.of(diversion), finalHeaders,
                "181 forwarded after " + ringSeconds + " s, then 480 (voicemail before answer)");
    }

    private static Behaviour reject(int status, String phrase, List<HeaderField> headers, Duration ring,
                                    boolean ringing) {
        return new Behaviour(Behaviour.Kind.REJECT, ring, ringing, status, phrase, List.of(), headers,
                "reject " + status + " " + phrase + " after " + ring.toSeconds() + " s");
    }

    private static List<HeaderField> rejectHeaders(int status) {
        List<HeaderField> headers = new ArrayList<>();
        if (status == 608) {
            // RFC 8688 §3: 608 is an intermediary's analytics rejecting the call; say why.
            headers.add(new HeaderField("Reason", "SIP;cause=608;text=\"Spam suspected\""));
        }
        ResponseTable.q850(status).ifPresent(q -> headers.add(new HeaderField("Reason", q.reasonHeader())));
        if (status == 503) {
            // RFC 3261 §21.5.4: 503 may say when to try again; carriers do, and dialers should honour it.
            headers.add(new HeaderField("Retry-After", "30"));
        }
        return headers;
    }

    private static Behaviour notInPlan(String why) {
        // RFC 3261 §20.43: warn-code 399 is for miscellaneous text a person can read.
        HeaderField warning = new HeaderField("Warning", "399 dialer-sim \"" + why + "; " + SUMMARY + "\"");
        return new Behaviour(Behaviour.Kind.NOT_IN_PLAN, Duration.ZERO, false, 404, ResponseTable.phrase(404),
                List.of(), List.of(warning), "404 Not Found: " + why);
    }

    private static String digits(String userPart) {
        String user = userPart.split(";", 2)[0];
        StringBuilder b = new StringBuilder(user.length());
        for (int i = 0; i < user.length(); i++) {
            char c = user.charAt(i);
            if (c >= '0' && c <= '9') {
                b.append(c);
            }
        }
        return b.toString();
    }
}
