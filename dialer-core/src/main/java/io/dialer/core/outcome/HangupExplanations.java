package io.dialer.core.outcome;

import io.dialer.core.outcome.CallEvidence.Hungup;
import java.util.Optional;

/** Explanations for answered calls that ended (the {@code ended} and answered {@code error} rows of design.md §4). */
final class HangupExplanations {

    private HangupExplanations() {
    }

    /** E.g. "The callee hung up (BYE) from udp 127.0.0.1:5062 after 12.3 s of conversation." */
    static String explain(CallEvidence evidence, Hungup hungup, Optional<Q850Cause> q850) {
        String talk = Explanations.seconds(Explanations.talkTime(evidence));
        String conversation = " after " + talk + " of conversation";
        String detail = Explanations.detail(hungup.detail());
        return switch (hungup.cause()) {
            case REMOTE_BYE -> "The callee hung up (BYE" + q850.map(cause -> " with " + cause.describe()).orElse("") + ")"
                    + (hungup.remoteBye() == null ? "" : Explanations.source(evidence.peer(), hungup.remoteBye()))
                    + conversation + detail + ".";
            case AGENT -> "The application hung up" + conversation + detail + ".";
            case IVR_REACHED -> "The application hung up" + conversation + " because it recognised an IVR menu"
                    + detail + ".";
            case VOICEMAIL_REACHED -> "Answering-machine detection found a machine after the answer and the call was"
                    + " ended" + conversation + detail + ".";
            case INACTIVITY -> "The call was ended" + conversation + " because nobody spoke within the silence timeout"
                    + detail + ".";
            case MAX_DURATION -> "The call reached its maximum duration and was ended" + conversation + detail + ".";
            case TRANSFER -> "The call was transferred and our leg left it" + conversation + detail + ".";
            case NO_AUDIO -> "The call was answered but no audio (RTP) arrived within the media timeout; it was ended"
                    + " after " + talk + detail + ".";
            case CONNECTION_LOST -> "The call was lost" + conversation + ": "
                    + Explanations.orElse(hungup.lost(), "the dialog ended without a BYE") + detail + ".";
        };
    }
}
