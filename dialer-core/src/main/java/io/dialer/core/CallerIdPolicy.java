package io.dialer.core;

/**
 * How a trunk wants the calling number presented (RFC 3325). The number goes in
 * From always; P-Asserted-Identity carries it as the network-asserted identity
 * (§9.1) unless the trunk rejects or rewrites it; {@code Privacy: id} (§9.3)
 * asks the trunk to withhold it from the callee.
 *
 * @param assertIdentity add a P-Asserted-Identity header
 * @param privacyId      add {@code Privacy: id}
 */
public record CallerIdPolicy(boolean assertIdentity, boolean privacyId) {

    /** From and P-Asserted-Identity, no privacy: what most elastic trunks expect. */
    public static CallerIdPolicy defaults() {
        return new CallerIdPolicy(true, false);
    }
}
