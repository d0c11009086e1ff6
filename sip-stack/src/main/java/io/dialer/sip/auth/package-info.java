/**
 * Digest authentication for a SIP client (RFC 3261 §22 with RFC 2617, RFC 7616 and
 * RFC 8760): {@link io.dialer.sip.auth.DigestChallenge} parses challenges,
 * {@link io.dialer.sip.auth.DigestClient} holds the credentials, and one
 * {@link io.dialer.sip.auth.AuthSession} per call turns a 401/407 into an
 * {@link io.dialer.sip.auth.AuthOutcome}: an authorized retry or a plain-words rejection.
 */
package io.dialer.sip.auth;
