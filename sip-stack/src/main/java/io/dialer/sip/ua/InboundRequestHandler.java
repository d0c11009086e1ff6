package io.dialer.sip.ua;

/**
 * Handles one method of inbound request (INVITE, OPTIONS, REFER, NOTIFY,
 * INFO, BYE outside our dialogs). Called on the stack's scheduler thread; it
 * must answer, now or later, through {@link InboundRequest#respond}.
 */
@FunctionalInterface
public interface InboundRequestHandler {

    void onRequest(InboundRequest request);
}
