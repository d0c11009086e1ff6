/**
 * DTMF: RFC 4733 telephone-event payloads sent
 * ({@link io.dialer.media.dtmf.DtmfSender}) and received
 * ({@link io.dialer.media.dtmf.DtmfReceiver}), and SIP INFO bodies
 * ({@link io.dialer.media.dtmf.SipInfoDtmf}), all reported as
 * {@link io.dialer.media.dtmf.DtmfDigit}.
 */
package io.dialer.media.dtmf;
