package io.dialer.sip.ua;

import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import io.dialer.sip.transaction.ServerTransaction;
import io.dialer.sip.transport.Flow;

import java.util.Optional;

/**
 * A request handed to an application handler, with the means to answer it
 * through its server transaction.
 */
public final class InboundRequest {

    private final SIPRequest request;
    private final ServerTransaction transaction;
    private final SipSession call;
    private final Requests requests;

    InboundRequest(SIPRequest request, ServerTransaction transaction, SipSession call, Requests requests) {
        this.request = request;
        this.transaction = transaction;
        this.call = call;
        this.requests = requests;
    }

    public SIPRequest request() {
        return request;
    }

    public String method() {
        return request.getMethod();
    }

    public Flow flow() {
        return transaction.flow();
    }

    /** The call whose dialog the request belongs to, if any. */
    public Optional<SipSession> call() {
        return Optional.ofNullable(call);
    }

    /** Answers with a status and reason phrase; a To tag is added when the request had none. */
    public void respond(int status, String phrase) {
        transaction.respond(requests.response(request, status, phrase));
    }

    /** Answers with a response the handler built itself. */
    public void respond(SIPResponse response) {
        transaction.respond(response);
    }
}
