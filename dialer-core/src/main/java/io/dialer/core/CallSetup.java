package io.dialer.core;

import io.dialer.sip.ua.InviteRequest;
import java.nio.file.Path;

/**
 * Everything fixed about a call before it starts.
 *
 * @param callId             the dialer's id
 * @param sipCallId          the INVITE's Call-ID
 * @param to                 the far party: for outbound calls the destination as the record shows it (E.164,
 *                           the SIP URI, or the raw input if invalid); for inbound calls the caller
 * @param from               our party: the calling number or user; for inbound calls the number called
 * @param trunk              the trunk it goes through
 * @param timers             its timers
 * @param invite             the INVITE to send; null when the destination is invalid
 * @param invalidDestination why the destination cannot be dialed, or null
 * @param pcap               where to write the pcap, or null
 * @param play               audio to send, or null
 * @param listen             where the callee's audio goes, or null
 * @param amd                answering-machine detection after answer
 * @param direction          {@code outbound}, or for calls we received {@code inbound} (or what the platform's
 *                           direction header said)
 */
record CallSetup(String callId, String sipCallId, String to, String from, TrunkConfig trunk, CallTimers timers,
                 InviteRequest invite, String invalidDestination, Path pcap, io.dialer.media.AudioSource play,
                 io.dialer.media.AudioSink listen, String direction, AmdPolicy amd) {

    /**
     * Whether we received the call's INVITE (the record's from/to then read the other way),
     * whatever the platform's direction header calls it: an outbound call has an INVITE to
     * send or a destination it refused.
     */
    boolean inbound() {
        return invite == null && invalidDestination == null;
    }
}
