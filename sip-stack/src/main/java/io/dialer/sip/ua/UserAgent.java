package io.dialer.sip.ua;

import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import io.dialer.sip.auth.AuthOutcome;
import io.dialer.sip.auth.AuthSession;
import io.dialer.sip.auth.Credentials;
import io.dialer.sip.auth.DigestClient;
import io.dialer.sip.dialog.DialogId;
import io.dialer.sip.dns.SipResolver;
import io.dialer.sip.message.RequestChecks;
import io.dialer.sip.message.SipFactories;
import io.dialer.sip.message.UasPolicy;
import io.dialer.sip.transaction.BranchIds;
import io.dialer.sip.transaction.ClientTransaction;
import io.dialer.sip.transaction.ClientTransactionUser;
import io.dialer.sip.transaction.MessageChannel;
import io.dialer.sip.transaction.RequestHandler;
import io.dialer.sip.transaction.Scheduler;
import io.dialer.sip.transaction.ServerInviteTransaction;
import io.dialer.sip.transaction.ServerNonInviteTransaction;
import io.dialer.sip.transaction.ServerTransaction;
import io.dialer.sip.transaction.TimerSettings;
import io.dialer.sip.transaction.TransactionFailure;
import io.dialer.sip.transaction.TransactionLayer;
import io.dialer.sip.transport.Endpoint;
import io.dialer.sip.transport.Flow;
import io.dialer.sip.transport.PacketSender;
import io.dialer.sip.transport.TransportException;

import java.security.SecureRandom;
import java.text.ParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javax.sip.address.SipURI;
import javax.sip.address.URI;
import javax.sip.message.Request;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The UA core (RFC 3261 §8, §13–§15) over the transaction layer: places
 * INVITEs, answers incoming ones through a handler, keeps the dialogs of its
 * calls, answers OPTIONS, and hands other inbound requests to the handlers
 * registered for their method.
 *
 * <p>{@link #invite}, {@link #handle} and {@link #onIncomingCall} are safe from
 * any thread; everything else runs on the stack's scheduler thread.
 */
public final class UserAgent {

    private static final Logger log = LoggerFactory.getLogger(UserAgent.class);

    private final Scheduler scheduler;
    private final MessageChannel channel;
    private final TimerSettings timers;
    private final TransactionLayer transactions;
    private final Requests requests;
    private final SipResolver resolver;
    private final OfferAnswer offerAnswer;
    private final TargetHealth targetHealth;
    /** One cnonce source for every call's digest client: a SecureRandom per call cost more than the call. */
    private final Supplier<String> cnonces = DigestClient.secureCnonces(new SecureRandom());
    private final RequestChecks checks = new RequestChecks(UasPolicy.dialerDefaults()
            .withAllowedMethods(java.util.Set.copyOf(Requests.ALLOW)));
    private final Map<String, InboundRequestHandler> handlers = new ConcurrentHashMap<>();
    private final Map<DialogId, SipSession> dialogs = new ConcurrentHashMap<>();
    private final Map<String, SipSession> callsById = new ConcurrentHashMap<>();
    private volatile Consumer<IncomingCall> incomingCalls;

    public UserAgent(Scheduler scheduler, MessageChannel channel, PacketSender transport, TimerSettings timers,
                     String userAgentName, SipResolver resolver, OfferAnswer offerAnswer) {
        this.scheduler = scheduler;
        this.channel = channel;
        this.timers = timers;
        this.requests = new Requests(transport, userAgentName);
        this.resolver = resolver;
        this.offerAnswer = offerAnswer == null ? OfferAnswer.NONE : offerAnswer;
        this.targetHealth = new TargetHealth(scheduler);
        this.transactions = new TransactionLayer(scheduler, channel, timers, new CoreRequestHandler());
    }

    /**
     * Places an INVITE. Events arrive on the stack's scheduler thread, in the
     * order of {@link CallEvent}. Targets come from the request, or from RFC
     * 3263 resolution of the Request-URI's host.
     */
    public OutgoingCall invite(InviteRequest request, Consumer<CallEvent> listener) {
        return invite(request, newCallId(), listener);
    }

    /**
     * As {@link #invite(InviteRequest, Consumer)} with a Call-ID chosen by the
     * caller (from {@link #newCallId()}), so that whatever watches the call's
     * messages can be set up before the INVITE goes out.
     */
    public OutgoingCall invite(InviteRequest request, String callId, Consumer<CallEvent> listener) {
        if (callsById.containsKey(callId)) {
            throw new IllegalArgumentException("Call-ID " + callId + " is already in use");
        }
        OutgoingCall call = new OutgoingCall(this, request, listener, callId, requests.token(6),
                authSession(request.credentials()));
        callsById.put(callId, call);
        scheduler.execute(() -> {
            if (!request.targets().isEmpty()) {
                call.start(request.targets());
                return;
            }
            resolve(request).whenComplete((targets, error) -> scheduler.execute(() -> {
                if (error != null) {
                    call.failResolution(error.getMessage());
                } else {
                    call.start(targets);
                }
            }));
        });
        return call;
    }

    /**
     * Sends one request outside any dialog through a client transaction (RFC
     * 3261 §8.1.1), e.g. an OPTIONS asking a trunk what it supports (§11), and
     * completes with its final response. Provisional responses are skipped.
     * Safe from any thread; the stage completes on the stack's scheduler thread.
     *
     * @param method     the method, e.g. {@code OPTIONS}; not INVITE, ACK or CANCEL, which have their own rules
     * @param requestUri the Request-URI, also the To URI
     * @param target     where to send it
     * @param headers    extra headers that replace any of the same name (e.g. {@code Max-Forwards}, {@code Accept})
     * @return the final response, or a stage failed with a {@link RequestFailedException} carrying the
     *         {@link TransactionFailure} (timeout, transport error), or with an
     *         {@link IllegalArgumentException} when the request cannot be built
     */
    public CompletionStage<SIPResponse> request(String method, String requestUri, Endpoint target,
                                                Map<String, String> headers) {
        return request(method, requestUri, target, headers, Optional.empty());
    }

    /**
     * As {@link #request(String, String, Endpoint, Map)}, answering one digest
     * challenge (401/407) with the credentials (RFC 3261 §22.2, §22.3; the retry
     * is a new transaction with CSeq + 1, §8.1.3.5), e.g. a REGISTER (§10.2).
     * A second challenge is the final response.
     */
    public CompletionStage<SIPResponse> request(String method, String requestUri, Endpoint target,
                                                Map<String, String> headers, Optional<Credentials> credentials) {
        String m = method.toUpperCase(Locale.ROOT);
        if (m.equals(Request.INVITE) || m.equals(Request.ACK) || m.equals(Request.CANCEL)) {
            return CompletableFuture.failedFuture(new IllegalArgumentException(
                    m + " is not sent with request(): use invite() or the call's cancel()"));
        }
        CompletableFuture<SIPResponse> result = new CompletableFuture<>();
        scheduler.execute(() -> {
            try {
                SIPRequest request = requests.outOfDialog(m, requestUri, target, newCallId(), requests.token(6),
                        headers);
                AuthSession auth = credentials.isPresent() ? authSession(credentials) : null;
                sendOutOfDialog(request, target, auth, result);
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
        return result;
    }

    private void sendOutOfDialog(SIPRequest request, Endpoint target, AuthSession auth,
                                 CompletableFuture<SIPResponse> result) {
        transactions.sendRequest(request, target, new ClientTransactionUser() {
            @Override
            public void onResponse(ClientTransaction tx, SIPResponse response) {
                int status = response.getStatusCode();
                if (status < 200) {
                    return;
                }
                if ((status == 401 || status == 407) && auth != null
                        && auth.onChallenge(request, response) instanceof AuthOutcome.Retry retry) {
                    sendOutOfDialog(retry.authorized(), target, null, result); // one retry: the next challenge is final
                    return;
                }
                result.complete(response);
            }

            @Override
            public void onFailure(ClientTransaction tx, TransactionFailure failure) {
                result.completeExceptionally(new RequestFailedException(failure));
            }
        });
    }

    /** A request sent with {@link #request} got no final response; {@link #failure()} says why. */
    public static final class RequestFailedException extends Exception {

        private static final long serialVersionUID = 1L;

        private final transient TransactionFailure failure;

        public RequestFailedException(TransactionFailure failure) {
            super(failure.describe());
            this.failure = failure;
        }

        public TransactionFailure failure() {
            return failure;
        }
    }

    /** A fresh, globally unique Call-ID (RFC 3261 §8.1.1.4). */
    public String newCallId() {
        return requests.token(12) + "@dialer";
    }

    /**
     * Takes incoming INVITEs (outside any dialog). The handler must ring,
     * answer or reject each call; without a handler they get 480.
     */
    public void onIncomingCall(Consumer<IncomingCall> handler) {
        incomingCalls = handler;
    }

    /** Registers the handler for inbound requests of a method ("REFER", "NOTIFY", "INFO", "OPTIONS", ...). */
    public void handle(String method, InboundRequestHandler handler) {
        handlers.put(method.toUpperCase(Locale.ROOT), handler);
    }

    /** Passes a decoded message up from the transport (called on the scheduler thread). */
    public void receive(SIPMessage message, Flow flow) {
        transactions.receive(message, flow);
    }

    /** The transport reported an error for a destination after a send (an ICMP unreachable on UDP). */
    public void onTransportError(Endpoint destination, TransportException error) {
        transactions.failDestination(destination, error);
    }

    /** The number of calls this UA is tracking (for tests and metrics). */
    public int activeCalls() {
        return callsById.size();
    }

    /** Transaction counters, for tests and metrics (scheduler thread). */
    public TransactionLayer.Counters transactionCounters() {
        return transactions.counters();
    }

    private AuthSession authSession(Optional<Credentials> credentials) {
        return new DigestClient(credentials.map(List::of).orElse(List.of()), BranchIds::create, cnonces).newSession();
    }

    private CompletionStage<List<Endpoint>> resolve(InviteRequest request) {
        if (resolver == null) {
            return CompletableFuture.failedFuture(new IllegalStateException(
                    "no targets given for " + request.requestUri() + " and no DNS resolver configured"));
        }
        try {
            URI uri = SipFactories.ADDRESSES.createURI(request.requestUri());
            if (!(uri instanceof SipURI sip)) {
                return CompletableFuture.failedFuture(new IllegalArgumentException(
                        "cannot route to a non-SIP URI " + request.requestUri()));
            }
            OptionalInt port = sip.getPort() > 0 ? OptionalInt.of(sip.getPort()) : OptionalInt.empty();
            return resolver.resolve(sip.getHost(), port, Optional.ofNullable(request.transport()), sip.isSecure());
        } catch (ParseException e) {
            return CompletableFuture.failedFuture(new IllegalArgumentException(
                    "'" + request.requestUri() + "' is not a SIP URI: " + e.getMessage(), e));
        }
    }

    Scheduler scheduler() {
        return scheduler;
    }

    TimerSettings timers() {
        return timers;
    }

    TransactionLayer transactions() {
        return transactions;
    }

    Requests requests() {
        return requests;
    }

    OfferAnswer offerAnswer() {
        return offerAnswer;
    }

    TargetHealth targetHealth() {
        return targetHealth;
    }

    void register(DialogId id, SipSession session) {
        dialogs.put(id, session);
    }

    void unregister(DialogId id) {
        dialogs.remove(id);
    }

    void forget(SipSession session) {
        callsById.remove(session.callId(), session);
    }

    /** Sends a message outside any transaction: the ACK for a 2xx, 2xx retransmissions (RFC 3261 §13). */
    void sendStateless(SIPMessage message, Endpoint destination) {
        channel.send(message, destination).whenComplete((ok, error) -> {
            if (error != null) {
                log.info("could not send {} to {}: {}", firstLine(message), destination, error.getMessage());
            }
        });
    }

    void dispatchInDialog(ServerTransaction tx, SIPRequest request, SipSession session) {
        InboundRequestHandler handler = handlers.get(request.getMethod());
        if (handler != null) {
            handler.onRequest(new InboundRequest(request, tx, session, requests));
        } else if (Request.INFO.equals(request.getMethod()) || Request.OPTIONS.equals(request.getMethod())) {
            tx.respond(requests.response(request, 200, "OK"));
        } else {
            tx.respond(requests.response(request, 501, "Not Implemented"));
        }
    }

    private static String firstLine(SIPMessage message) {
        return message instanceof SIPRequest r ? r.getMethod()
                : String.valueOf(((SIPResponse) message).getStatusCode());
    }

    private SipSession dialogOf(SIPRequest request) {
        String toTag = request.getToTag();
        String fromTag = request.getFromTag();
        return dialogs.get(new DialogId(request.getCallId().getCallId(), toTag, fromTag == null ? "" : fromTag));
    }

    /** What the transaction layer hands up: new requests, CANCEL, ACKs for 2xx, and stray responses. */
    private final class CoreRequestHandler implements RequestHandler {

        @Override
        public void onRequest(ServerTransaction tx, SIPRequest request) {
            // RFC 3261 §8.2: method, URI scheme, Require, body type and Max-Forwards before anything else.
            Optional<RequestChecks.Rejection> rejection = checks.check(request);
            if (rejection.isPresent()) {
                log.debug("refused {} from {}: {}", request.getMethod(), tx.flow().remote(),
                        rejection.get().explanation());
                tx.respond(rejection.get().toResponse(request));
                return;
            }
            String toTag = request.getToTag();
            if (toTag != null && !toTag.isEmpty()) {
                SipSession session = dialogOf(request);
                if (session != null) {
                    session.onInDialogRequest(tx, request);
                } else {
                    // RFC 3261 §12.2.2: a request for a dialog we do not know.
                    tx.respond(requests.response(request, 481, "Call/Transaction Does Not Exist"));
                }
                return;
            }
            if (Request.INVITE.equals(request.getMethod()) && tx instanceof ServerInviteTransaction inviteTx) {
                onNewInvite(inviteTx);
                return;
            }
            InboundRequestHandler handler = handlers.get(request.getMethod());
            if (handler != null) {
                handler.onRequest(new InboundRequest(request, tx, null, requests));
            } else if (Request.OPTIONS.equals(request.getMethod())) {
                tx.respond(requests.optionsOk(request));
            } else if (Request.BYE.equals(request.getMethod())) {
                tx.respond(requests.response(request, 481, "Call/Transaction Does Not Exist"));
            } else {
                tx.respond(requests.response(request, 405, "Method Not Allowed"));
            }
        }

        private void onNewInvite(ServerInviteTransaction tx) {
            Consumer<IncomingCall> handler = incomingCalls;
            if (handler == null) {
                tx.respond(requests.response(tx.request(), 480, "Temporarily Unavailable"));
                return;
            }
            IncomingCall call = IncomingCall.create(UserAgent.this, tx, authSession(Optional.empty()));
            callsById.put(call.callId(), call);
            handler.accept(call);
        }

        @Override
        public void onCancel(ServerNonInviteTransaction cancelTx, SIPRequest cancel, ServerInviteTransaction invite) {
            // RFC 3261 §9.2: 200 to the CANCEL, then 487 to the INVITE if it is still unanswered.
            cancelTx.respond(requests.response(cancel, 200, "OK"));
            SipSession session = callsById.get(cancel.getCallId().getCallId());
            if (session instanceof IncomingCall call && call.request() == invite.request()) {
                call.onCanceled();
            } else {
                invite.respond(requests.response(invite.request(), 487, "Request Terminated"));
            }
        }

        @Override
        public void onAck(SIPRequest ack, Flow flow) {
            SipSession session = dialogOf(ack);
            if (session != null) {
                session.onAck(ack);
            } else {
                log.debug("ACK for a 2xx we did not send, call {}", ack.getCallId().getCallId());
            }
        }

        @Override
        public void onStrayResponse(SIPResponse response, Flow flow) {
            // A 2xx retransmission after the INVITE transaction ended still needs its ACK (RFC 3261 §13.2.2.4).
            if (response.getStatusCode() / 100 == 2 && Request.INVITE.equals(response.getCSeq().getMethod())
                    && callsById.get(response.getCallId().getCallId()) instanceof OutgoingCall call) {
                call.on2xx(null, response);
            }
        }
    }
}
