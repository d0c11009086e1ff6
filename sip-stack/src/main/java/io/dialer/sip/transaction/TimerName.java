package io.dialer.sip.transaction;

/**
 * The transaction timers by their RFC 3261 §17 / RFC 6026 names (Table 4 of
 * RFC 3261 and §8 of RFC 6026), plus the two waits that the RFCs describe
 * without a letter.
 */
public enum TimerName {
    /** INVITE request retransmit interval, unreliable transports only (§17.1.1.2). */
    A,
    /** INVITE transaction timeout, 64*T1 (§17.1.1.2). */
    B,
    /** Wait time for response retransmits after a non-2xx final, 32 s on UDP (§17.1.1.2). */
    D,
    /** Non-INVITE request retransmit interval, unreliable only (§17.1.2.2). */
    E,
    /** Non-INVITE transaction timeout, 64*T1 (§17.1.2.2). */
    F,
    /** INVITE final response retransmit interval, unreliable only (§17.2.1). */
    G,
    /** Wait time for ACK receipt, 64*T1 (§17.2.1). */
    H,
    /** Wait time for ACK retransmits, T4 on UDP (§17.2.1). */
    I,
    /** Wait time for non-INVITE request retransmits, 64*T1 on UDP (§17.2.2). */
    J,
    /** Wait time for response retransmits, T4 on UDP (§17.1.2.2). */
    K,
    /** Wait time for accepted INVITE request retransmits, 64*T1 (RFC 6026 §7.1). */
    L,
    /** Wait time for retransmissions of 2xx to INVITE or additional 2xx from other forks, 64*T1 (RFC 6026 §7.2). */
    M,
    /** The TU has not answered an INVITE within 200 ms: send 100 Trying (RFC 3261 §17.2.1). */
    TRYING_100,
    /**
     * A CANCEL was sent and no final response to the INVITE followed within
     * 64*T1: consider the INVITE canceled and destroy its transaction (RFC 3261 §9.1).
     */
    CANCEL_GUARD
}
