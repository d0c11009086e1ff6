package io.dialer.core;

/**
 * Receives a call's events, in order, on the dialer's event thread (never on
 * the SIP stack's thread, so a slow listener cannot stall calls). An exception
 * thrown here is logged and does not affect the call.
 */
@FunctionalInterface
public interface CallListener {
    void onEvent(DialerEvent event);
}
