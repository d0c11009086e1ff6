package io.dialer.core;

/**
 * The {@code amd} part of a call record: the answering-machine detection
 * result ({@code human}, {@code machine} or {@code unknown}) and when it was decided.
 *
 * @param result     {@code human}, {@code machine} or {@code unknown}
 * @param decisionMs milliseconds from answer to the decision, null when none was made
 */
public record Amd(String result, Long decisionMs) {

    /** No detection ran or it could not decide. */
    public static Amd unknown() {
        return new Amd("unknown", null);
    }
}
