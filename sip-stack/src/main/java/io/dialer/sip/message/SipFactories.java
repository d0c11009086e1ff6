package io.dialer.sip.message;

import gov.nist.javax.sip.address.AddressFactoryImpl;
import gov.nist.javax.sip.header.HeaderFactoryImpl;
import gov.nist.javax.sip.message.MessageFactoryImpl;

/**
 * jain-sip-ri's message, header and address factories, used without a
 * SipStack. They hold no per-stack state (only immutable defaults), so one set
 * serves every stack in the JVM.
 */
public final class SipFactories {

    public static final MessageFactoryImpl MESSAGES = new MessageFactoryImpl();
    public static final HeaderFactoryImpl HEADERS = new HeaderFactoryImpl();
    public static final AddressFactoryImpl ADDRESSES = new AddressFactoryImpl();

    private SipFactories() {
    }
}
