/**
 * SDP (RFC 4566) and the offer/answer model (RFC 3264) for the audio stream
 * of a call. {@link io.dialer.media.sdp.SessionDescription} parses and
 * writes bodies; {@link io.dialer.media.sdp.OfferAnswer} holds one call's
 * negotiation: offers, answers, hold and resume, and the
 * {@link io.dialer.media.sdp.MediaChange} a re-INVITE brings. Knows nothing
 * of SIP: the SIP layer hands bodies in and turns
 * {@link io.dialer.media.sdp.NoCommonCodec} into a 488.
 */
package io.dialer.media.sdp;
