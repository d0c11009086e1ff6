package io.dialer.core;

import io.dialer.media.AudioSink;
import io.dialer.media.AudioSource;
import java.util.Optional;

/**
 * An INVITE the dialer received (a trunk delivering a call, or a platform's
 * "dial to SIP URI" setup), waiting for the application to answer, reject or
 * redirect it. Handed to the handler of {@link Dialer#onIncomingCall}; every
 * method is safe from any thread, and exactly one of answer, reject and
 * redirect takes effect.
 *
 * <pre>{@code
 * dialer.onIncomingCall(offer -> {
 *     if (offer.from().startsWith("+1")) {
 *         Call call = offer.answer(agentAudioOut, agentAudioIn, event -> System.out.println(event));
 *     } else {
 *         offer.reject(486, "Busy Here");
 *     }
 * });
 * }</pre>
 */
public interface InboundOffer {

    /** The dialer's id for the call ({@code call_...}), the same as the answered call's. */
    String id();

    /** The caller: the From user (a number when it looks like one), or the whole URI. */
    String from();

    /** The number or user called: the Request-URI's user part. */
    String to();

    /**
     * {@code inbound}, or the value of the configured direction header
     * ({@link DialerConfig#directionHeader()}) where the platform marks it.
     */
    String direction();

    /** The first value of a header of the INVITE. */
    Optional<String> header(String name);

    /** Sends 180 Ringing (RFC 3261 §13.3.1.1). */
    void ringing();

    /** Answers with silence to send and the caller's audio dropped (200 OK with our SDP answer). */
    Call answer(CallListener listener);

    /**
     * Answers (200 OK with our SDP answer, RFC 3264 §6). An offer with no codec we
     * take is refused with 488 instead; the returned call then ends at once
     * {@code not_connected / dial_failed} saying so.
     */
    Call answer(AudioSource play, AudioSink listen, CallListener listener);

    /** Refuses the call with a final response (e.g. 486 Busy Here, 603 Decline). */
    void reject(int status, String reasonPhrase);

    /** Sends the caller elsewhere: 302 Moved Temporarily with the URI as Contact (RFC 3261 §21.3.3). */
    void redirect(String uri);
}
