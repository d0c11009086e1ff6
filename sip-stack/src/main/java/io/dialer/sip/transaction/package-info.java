/**
 * SIP transactions (RFC 3261 §17) with the Accepted state of RFC 6026.
 *
 * <p>{@link io.dialer.sip.transaction.TransactionLayer} is the entry point: it
 * starts client transactions for requests the UA core sends, matches inbound
 * responses and requests to transactions, and hands new requests, ACKs for 2xx,
 * CANCELs and late responses to a {@link io.dialer.sip.transaction.RequestHandler}.
 * Each kind of transaction is its own class with a {@code State} enum and one
 * handler per state, following RFC 3261 Figures 5 to 8 as amended by RFC 6026.
 *
 * <p>Threading: a stack's layer, transactions and timers all run on one
 * {@link io.dialer.sip.transaction.Scheduler} thread (a Netty event loop through
 * {@link io.dialer.sip.transaction.EventLoopScheduler}); nothing here locks.
 * Send failures completing on I/O threads are handed back to that thread.
 *
 * <p>Known limits: RFC 2543 requests (no {@code z9hG4bK} branch) are dropped;
 * {@code maddr} is ignored when routing responses; on TCP/TLS a response goes
 * back over the request's flow only, without the §18.2.2 fallback of opening a
 * new connection to the sent-by address when that flow has closed; an INVITE
 * client transaction in Proceeding has no timer of its own (RFC 3261 Figure 5),
 * so the TU must bound ringing with a CANCEL, after which the transaction gives
 * up 64*T1 later if no final response arrives (§9.1).
 */
package io.dialer.sip.transaction;
