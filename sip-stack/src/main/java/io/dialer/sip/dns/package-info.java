/**
 * Locating SIP servers (RFC 3263) with Netty's DNS resolver:
 * {@link io.dialer.sip.dns.SipResolver} turns a URI's host, port, transport and
 * scheme into ordered {@link io.dialer.sip.transport.Endpoint}s via NAPTR, SRV
 * (RFC 2782 ordering in {@link io.dialer.sip.dns.SrvOrdering}) and A/AAAA, and
 * {@link io.dialer.sip.dns.TargetList} keeps the UA's place while it fails over.
 */
package io.dialer.sip.dns;
