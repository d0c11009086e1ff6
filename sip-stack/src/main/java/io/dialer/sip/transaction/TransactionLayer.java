package io.dialer.sip.transaction;

import gov.nist.javax.sip.header.Via;
import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import io.dialer.sip.transport.Endpoint;
import io.dialer.sip.transport.Flow;
import io.dialer.sip.transport.TransportException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sip.header.CSeqHeader;
import javax.sip.message.Request;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The transaction layer of one stack (RFC 3261 §17): creates client
 * transactions for requests we send, matches responses to them (§17.1.3),
 * matches received requests to server transactions (§17.2.3) or creates new
 * ones, and builds CANCEL (§9.1).
 *
 * <p>Not thread-safe by design: every method must be called on the
 * scheduler's thread, where the transactions and their timers run too.
 *
 * <p>Only RFC 3261 requests are matched: a request whose top Via branch lacks
 * the magic cookie {@code z9hG4bK} is dropped and counted, since without the
 * RFC 2543 matching rules (§17.2.3, which this layer does not implement) each
 * retransmission would reach the UA core as a new request. The trunks and
 * PBXes this stack talks to all send RFC 3261 branches.
 */
public final class TransactionLayer {

    private static final Logger log = LoggerFactory.getLogger(TransactionLayer.class);

    private final TransactionContext context;
    private final RequestHandler handler;
    private final Map<ClientKey, BaseTransaction> clients = new HashMap<>();
    private final Map<ServerKey, BaseTransaction> servers = new HashMap<>();
    /** Branches of ended client transactions, with when to forget them (nanoTime), oldest first. */
    private final LinkedHashMap<String, Long> recentBranches = new LinkedHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private long strayResponses;
    private long droppedResponses;
    private long droppedRequests;
    private long absorbedRetransmissions;

    public TransactionLayer(Scheduler scheduler, MessageChannel channel, TimerSettings settings, RequestHandler handler) {
        this.context = new TransactionContext(scheduler, channel, settings);
        this.handler = Objects.requireNonNull(handler, "handler");
    }

    /** Transaction counts and what the layer dropped, for tests and metrics. */
    public record Counters(int clientTransactions, int serverTransactions, long strayResponses,
                           long droppedResponses, long droppedRequests, long absorbedRetransmissions) {
    }

    /**
     * Starts a client transaction and sends the request. The request must
     * already carry a top Via with an RFC 3261 branch ({@link BranchIds#create()}).
     * ACK is never sent through a transaction: the ACK for a non-2xx is built
     * by the INVITE transaction, the ACK for a 2xx is the UA core's and goes
     * straight to the {@link MessageChannel} (§17.1.1.3, §13.2.2.4).
     *
     * @return a {@link ClientInviteTransaction} for INVITE, else a {@link ClientNonInviteTransaction}
     * @throws IllegalArgumentException for an ACK, a missing or non-RFC 3261 branch, or a branch and
     *                                  method already in use
     */
    public ClientTransaction sendRequest(SIPRequest request, Endpoint destination, ClientTransactionUser tu) {
        requireSchedulerThread();
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(tu, "tu");
        String method = request.getMethod();
        if (Request.ACK.equals(method)) {
            throw new IllegalArgumentException("ACK is not sent through a client transaction (RFC 3261 §17.1.1.3)");
        }
        Via via = request.getTopmostVia();
        if (via == null || !BranchIds.isRfc3261(via.getBranch())) {
            throw new IllegalArgumentException("request needs a top Via with a z9hG4bK branch (RFC 3261 §8.1.1.7): "
                    + request.getFirstLine());
        }
        CSeqHeader cseq = request.getCSeq();
        if (cseq == null || !method.equals(cseq.getMethod())) {
            throw new IllegalArgumentException("CSeq method must be " + method);
        }
        return startClient(request, destination, tu);
    }

    /**
     * Cancels an INVITE (RFC 3261 §9.1). The CANCEL (same Request-URI, Call-ID,
     * From, To, CSeq number, the INVITE's top Via and Route headers) is sent
     * as a non-INVITE client transaction whose responses go to {@code tu}: at
     * once if a provisional response was received, else when the first one
     * arrives (and never if the INVITE ends first). If no final response to
     * the INVITE follows within 64*T1, the INVITE transaction ends with
     * {@link TransactionFailure.Timeout} {@code CANCEL_GUARD}.
     *
     * @return false when the INVITE already got a final response, has ended,
     *         or was already canceled; nothing is sent then
     */
    public boolean cancel(ClientInviteTransaction invite, ClientTransactionUser tu) {
        requireSchedulerThread();
        Objects.requireNonNull(invite, "invite");
        Objects.requireNonNull(tu, "tu");
        return invite.requestCancel(() -> {
            startClient(TransactionRequests.cancelFor(invite.request()), invite.destination(), tu);
            invite.cancelSent();
        });
    }

    /**
     * Takes a parsed message from the transport. Responses go to their client
     * transaction (§17.1.3); requests to their server transaction (§17.2.3) or
     * to the {@link RequestHandler} with a new one. Exceptions thrown by
     * transaction users propagate to the caller.
     */
    public void receive(SIPMessage message, Flow flow) {
        requireSchedulerThread();
        Objects.requireNonNull(flow, "flow");
        if (message instanceof SIPResponse response) {
            receiveResponse(response, flow);
        } else if (message instanceof SIPRequest request) {
            receiveRequest(request, flow);
        }
    }

    /**
     * The transport learned after a send that the destination is unreachable
     * (an ICMP port unreachable on UDP). RFC 3261 §17.1.4: the client
     * transactions sending there fail with a transport error now rather than
     * at Timer B or F.
     */
    public void failDestination(Endpoint destination, TransportException cause) {
        requireSchedulerThread();
        for (BaseTransaction tx : List.copyOf(clients.values())) {
            if (tx instanceof ClientTransaction client && !client.isTerminated()
                    && client.destination().transport() == destination.transport()
                    && client.destination().address().equals(destination.address())) {
                tx.handle(new TransactionEvent.TransportError(cause));
            }
        }
    }

    public Counters counters() {
        return new Counters(clients.size(), servers.size(), strayResponses, droppedResponses, droppedRequests,
                absorbedRetransmissions);
    }

    private ClientTransaction startClient(SIPRequest request, Endpoint destination, ClientTransactionUser tu) {
        String branch = request.getTopmostVia().getBranch();
        ClientKey key = ClientKey.of(branch, request.getMethod());
        if (clients.containsKey(key)) {
            throw new IllegalArgumentException("a " + request.getMethod() + " client transaction with branch "
                    + branch + " already exists");
        }
        if (Request.INVITE.equals(request.getMethod())) {
            ClientInviteTransaction tx = new ClientInviteTransaction(context, request, destination, tu,
                    released -> clientReleased(key, released));
            clients.put(key, tx);
            tx.start();
            return tx;
        }
        ClientNonInviteTransaction tx = new ClientNonInviteTransaction(context, request, destination, tu,
                released -> clientReleased(key, released));
        clients.put(key, tx);
        tx.start();
        return tx;
    }

    private void clientReleased(ClientKey key, BaseTransaction tx) {
        clients.remove(key, tx);
        forgetExpiredBranches();
        // Kept 64*T1 more, so that a late 2xx (after Timer M) is recognised as ours and given
        // to the UA core to ACK, while responses to branches we never used are dropped.
        recentBranches.remove(key.branch());
        recentBranches.put(key.branch(), context.scheduler().nanoTime() + context.timeout64().toNanos());
    }

    private void receiveResponse(SIPResponse response, Flow flow) {
        Via via = response.getTopmostVia();
        CSeqHeader cseq = response.getCSeq();
        if (via == null || via.getBranch() == null || cseq == null) {
            droppedResponses++;
            log.debug("dropping response without top Via branch or CSeq from {}", flow.remote());
            return;
        }
        BaseTransaction tx = clients.get(ClientKey.of(via.getBranch(), cseq.getMethod()));
        if (tx != null) {
            tx.handle(TransactionEvent.ofResponse(response));
            return;
        }
        forgetExpiredBranches();
        if (recentBranches.containsKey(key(via.getBranch()))) {
            strayResponses++;
            handler.onStrayResponse(response, flow);
        } else {
            // §18.1.2 / §17.1.3: a response for no transaction of ours is discarded.
            droppedResponses++;
            log.debug("dropping {} {} from {}: no client transaction for branch {}", response.getStatusCode(),
                    cseq.getMethod(), flow.remote(), via.getBranch());
        }
    }

    private void receiveRequest(SIPRequest request, Flow flow) {
        Via via = request.getTopmostVia();
        if (via == null || !BranchIds.isRfc3261(via.getBranch())) {
            droppedRequests++;
            log.debug("dropping {} from {}: top Via has no RFC 3261 branch", request.getMethod(), flow.remote());
            return;
        }
        // §18.2.1, RFC 3581 §4: stamp before anything copies the Via into a response.
        ResponseRouting.stampVia(via, flow);
        String method = request.getMethod();
        String sentBy = sentBy(via);
        if (Request.ACK.equals(method)) {
            BaseTransaction invite = servers.get(new ServerKey(key(via.getBranch()), sentBy, Request.INVITE));
            if (invite instanceof ServerInviteTransaction tx) {
                tx.handle(new TransactionEvent.Ack(request, flow));
            } else {
                handler.onAck(request, flow);
            }
            return;
        }
        ServerKey key = new ServerKey(key(via.getBranch()), sentBy, method);
        BaseTransaction existing = servers.get(key);
        if (existing != null) {
            absorbedRetransmissions++;
            existing.handle(new TransactionEvent.RequestRetransmission(request));
            return;
        }
        Endpoint destination = ResponseRouting.responseDestination(via, flow);
        if (Request.INVITE.equals(method)) {
            ServerInviteTransaction tx = new ServerInviteTransaction(context, request, flow, destination,
                    handler::onAck, released -> servers.remove(key, released));
            servers.put(key, tx);
            tx.start();
            handler.onRequest(tx, request);
            return;
        }
        ServerNonInviteTransaction tx = new ServerNonInviteTransaction(context, request, flow, destination,
                released -> servers.remove(key, released));
        servers.put(key, tx);
        if (Request.CANCEL.equals(method)) {
            BaseTransaction invite = servers.get(new ServerKey(key.branch(), sentBy, Request.INVITE));
            if (invite instanceof ServerInviteTransaction inviteTx) {
                handler.onCancel(tx, request, inviteTx);
            } else {
                // §9.2: a CANCEL for no transaction of ours.
                SIPResponse response = request.createResponse(481);
                response.setToTag(newTag());
                tx.respond(response);
            }
            return;
        }
        handler.onRequest(tx, request);
    }

    private void forgetExpiredBranches() {
        long now = context.scheduler().nanoTime();
        Iterator<Long> expiries = recentBranches.values().iterator();
        while (expiries.hasNext() && expiries.next() - now <= 0) {
            expiries.remove();
        }
    }

    private String newTag() {
        byte[] bytes = new byte[6];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private void requireSchedulerThread() {
        if (!context.scheduler().inThread()) {
            throw new IllegalStateException("TransactionLayer must be used on its scheduler's thread");
        }
    }

    /**
     * Branches are compared case-insensitively: RFC 3261 does not say, and
     * peers that change the case of a token we generated still mean it.
     */
    private static String key(String branch) {
        return branch.toLowerCase(Locale.ROOT);
    }

    /** sent-by (§17.2.3): host, case-insensitive, and port as written (-1 when absent). */
    private static String sentBy(Via via) {
        return String.valueOf(via.getHost()).toLowerCase(Locale.ROOT) + ":" + via.getPort();
    }

    /** §17.1.3: a response matches by the branch of its top Via and the CSeq method. */
    private record ClientKey(String branch, String method) {
        static ClientKey of(String branch, String method) {
            return new ClientKey(key(branch), method);
        }
    }

    /** §17.2.3: a request matches by branch, sent-by and method (ACK matching INVITE). */
    private record ServerKey(String branch, String sentBy, String method) {
    }
}
