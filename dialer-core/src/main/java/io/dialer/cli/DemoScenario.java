package io.dialer.cli;

import io.dialer.core.DisconnectionReason;
import io.dialer.core.HangupReason;
import java.time.Duration;
import java.util.List;

/**
 * One kind of call in {@code dialer demo}: a number from the simulator's plan
 * (docs/sim.md), what the demo does during the call, and the outcome the
 * dialer must report for it.
 *
 * @param number    the destination
 * @param trunk     the demo trunk it goes through
 * @param action    what the application does during the call
 * @param after     when the action happens, counted from the event that starts it
 * @param expected  the disconnection reason the call must end with
 */
record DemoScenario(String number, String trunk, Action action, Duration after, DisconnectionReason expected) {

    /** What the demo application does during a call. */
    enum Action {
        /** Nothing: the callee, the carrier or a timer ends it. */
        NONE,
        /** Hang up (agent_hangup) this long after answer. */
        HANGUP,
        /** Hang up as an IVR (ivr_reached) this long after answer. */
        HANGUP_IVR,
        /** Cancel this long after ringing starts. */
        CANCEL,
        /** The call has a max duration of {@code after}. */
        MAX_DURATION,
        /** Transfer by REFER to {@link #TRANSFER_TARGET} this long after answer. */
        TRANSFER
    }

    HangupReason hangupReason() {
        return action == Action.HANGUP_IVR ? HangupReason.IVR_REACHED : HangupReason.AGENT_HANGUP;
    }

    /** A number the simulator answers when it plays a referred call (docs/sim.md). */
    static final String TRANSFER_TARGET = "+12025551200";

    static final String SIM = "sim";
    static final String LIMITED = "sim-limited";
    static final String DEAD = "dead";

    private static DemoScenario plain(String number, DisconnectionReason expected) {
        return new DemoScenario(number, SIM, Action.NONE, Duration.ZERO, expected);
    }

    /**
     * The calls that repeat until the demo's count is reached: one of each
     * behaviour of the simulator's number plan, with the demo's timers (4 s
     * ring timeout, 2 s pre-connect minimum ring).
     */
    static List<DemoScenario> cycle() {
        Duration second = Duration.ofSeconds(1);
        return List.of(
                plain("+12025551200", DisconnectionReason.USER_HANGUP),
                new DemoScenario("+12025551201", SIM, Action.HANGUP, second, DisconnectionReason.AGENT_HANGUP),
                plain("+12025551486", DisconnectionReason.DIAL_BUSY),
                plain("+12025550180", DisconnectionReason.DIAL_NO_ANSWER),
                plain("+12025551181", DisconnectionReason.VOICEMAIL_PRECONNECT),
                plain("+12025550404", DisconnectionReason.INVALID_DESTINATION),
                plain("+12025551603", DisconnectionReason.USER_DECLINED),
                plain("+12025550608", DisconnectionReason.MARKED_AS_SPAM),
                plain("+12025550503", DisconnectionReason.TELEPHONY_PROVIDER_UNAVAILABLE),
                plain("+12025551183", DisconnectionReason.USER_HANGUP),
                plain("+12025550600", DisconnectionReason.DIAL_BUSY),
                plain("+12025551480", DisconnectionReason.DIAL_NO_ANSWER),
                plain("+12025553480", DisconnectionReason.VOICEMAIL_PRECONNECT),
                plain("+1202555", DisconnectionReason.INVALID_DESTINATION),
                plain("+12025550484", DisconnectionReason.INVALID_DESTINATION),
                plain("+12025550607", DisconnectionReason.MARKED_AS_SPAM),
                plain("+12025550666", DisconnectionReason.MARKED_AS_SPAM),
                plain("+12025550403", DisconnectionReason.TELEPHONY_PROVIDER_PERMISSION_DENIED),
                plain("+12025550482", DisconnectionReason.SIP_ROUTING_ERROR),
                plain("+12025550488", DisconnectionReason.DIAL_FAILED),
                plain("+12025550499", DisconnectionReason.DIAL_FAILED),
                new DemoScenario("+12025550180", SIM, Action.CANCEL, second, DisconnectionReason.CANCELED),
                new DemoScenario("+12025551201", SIM, Action.HANGUP_IVR, second, DisconnectionReason.IVR_REACHED),
                new DemoScenario("+12025550201", SIM, Action.MAX_DURATION, Duration.ofMillis(1500),
                        DisconnectionReason.MAX_DURATION_REACHED),
                new DemoScenario("+12025550200", DEAD, Action.NONE, Duration.ZERO,
                        DisconnectionReason.TELEPHONY_PROVIDER_UNAVAILABLE),
                plain("+12025550604", DisconnectionReason.INVALID_DESTINATION),
                new DemoScenario("+12025550201", SIM, Action.TRANSFER, second, DisconnectionReason.CALL_TRANSFER),
                plain("+12025550500", DisconnectionReason.TELEPHONY_PROVIDER_UNAVAILABLE),
                plain("+12025550914", DisconnectionReason.INVALID_DESTINATION),
                plain("+12025550915", DisconnectionReason.TELEPHONY_PROVIDER_UNAVAILABLE));
    }

    /**
     * Two calls placed together through a trunk that allows one call at a time
     * and no waiting: the second is refused by the dialer's own limit.
     */
    static List<DemoScenario> limitPair() {
        return List.of(new DemoScenario("+12025550180", LIMITED, Action.NONE, Duration.ZERO,
                        DisconnectionReason.DIAL_NO_ANSWER),
                new DemoScenario("+12025550180", LIMITED, Action.NONE, Duration.ZERO,
                        DisconnectionReason.CONCURRENCY_LIMIT_REACHED));
    }
}
