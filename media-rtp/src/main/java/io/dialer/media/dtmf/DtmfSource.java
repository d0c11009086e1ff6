package io.dialer.media.dtmf;

/** How a DTMF digit reached us. */
public enum DtmfSource {
    /** RFC 4733 telephone-event RTP packets. */
    RTP_EVENT,
    /** A SIP INFO request (application/dtmf-relay or application/dtmf). */
    SIP_INFO
}
