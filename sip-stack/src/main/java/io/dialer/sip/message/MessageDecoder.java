package io.dialer.sip.message;

import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.parser.ParseExceptionListener;
import gov.nist.javax.sip.parser.StringMsgParser;
import io.dialer.sip.message.MalformedMessageException.Kind;
import io.dialer.sip.transport.InboundPacket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.text.ParseException;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;

/**
 * Turns one inbound message into a jain-sip {@link SIPMessage}, or into a
 * {@link DecodeResult.Rejected} that says why not and, for a request, carries
 * the stateless 400/505 to send back. A bad message never throws.
 *
 * <p>Steps: {@link MessageFramer} (start line, folding, repeated headers,
 * Content-Length), {@link HeaderChecks} (required headers, CSeq method,
 * address syntax), then jain-sip's {@link StringMsgParser} header by header
 * ({@link MessageAssembler}: folds joined with a space, the body cut to its
 * real length, an explicit Content-Length) with a listener that rethrows
 * every header error instead of silently dropping the header. Header fields
 * seen before are copied from a {@link HeaderCache} instead of checked and
 * parsed again.
 *
 * <p>Thread-safe; one instance per stack.
 */
public final class MessageDecoder {

    private static final Logger log = LoggerFactory.getLogger(MessageDecoder.class);

    /**
     * Rethrows, naming the header: jain-sip's default is to drop a bad header
     * and go on. Credentials never go into the reason (it is logged and sent
     * back in a Warning): for Authorization headers only the name is given.
     */
    private static final ParseExceptionListener RETHROW = (ex, message, headerClass, headerText, messageText) -> {
        String text = headerText == null ? "" : headerText.trim();
        int colon = text.indexOf(':');
        String name = colon < 0 ? text : text.substring(0, colon).trim();
        if (name.toLowerCase(Locale.ROOT).endsWith("authorization")) {
            throw new ParseException("header " + name + " does not parse", ex.getErrorOffset());
        }
        throw new ParseException("header '" + (text.length() > 80 ? text.substring(0, 80) + "..." : text)
                + "' does not parse: " + ex.getMessage(), ex.getErrorOffset());
    };

    /**
     * Slots of the header cache: at 2,000 calls/s with about ten distinct
     * fields per call, a field stays cached for a few hundred milliseconds,
     * longer than the responses of a call take to arrive.
     */
    private static final int HEADER_CACHE_SLOTS = 8192;

    private final MessageFramer framer;
    private final HeaderCache headerCache = new HeaderCache(HEADER_CACHE_SLOTS);
    private final MessageAssembler assembler = new MessageAssembler(headerCache);
    private final String warnAgent;
    private final LongAdder decoded = new LongAdder();
    private final LongAdder rejected = new LongAdder();
    private final LongAdder dropped = new LongAdder();

    /**
     * @param limits    size limits applied before parsing
     * @param warnAgent the host (name or address) put in the Warning of our
     *                  rejections (RFC 3261 §20.43 warn-agent)
     */
    public MessageDecoder(MessageLimits limits, String warnAgent) {
        this.framer = new MessageFramer(limits);
        this.warnAgent = Objects.requireNonNull(warnAgent, "warnAgent");
    }

    public DecodeResult decode(InboundPacket packet) {
        return decode(packet.bytes(), packet.flow().transport().reliable());
    }

    /**
     * Decodes one whole message.
     *
     * @param stream true when it came from TCP or TLS (Content-Length mandatory)
     */
    public DecodeResult decode(byte[] bytes, boolean stream) {
        FramedMessage frame;
        try {
            frame = framer.frame(bytes, stream);
            HeaderChecks.check(frame, headerCache);
        } catch (MalformedMessageException e) {
            return reject(e);
        } catch (RuntimeException e) {
            // A bug in our own checks must not escape into the transport's thread.
            log.warn("framing failed unexpectedly", e);
            return drop("framing failed: " + e.getClass().getSimpleName(), -1);
        }
        SIPMessage message;
        try {
            message = assembler.assemble(bytes, frame, RETHROW);
        } catch (ParseException e) {
            return reject(new MalformedMessageException(Kind.BAD_REQUEST,
                    Objects.toString(e.getMessage(), "the message does not parse"), -1, frame.request(), frame.headers()));
        } catch (RuntimeException | StackOverflowError e) {
            // jain-sip's recursive-descent lexers throw unchecked exceptions on some garbage; their
            // messages may quote header text, so only the kind of failure is reported.
            return reject(new MalformedMessageException(Kind.BAD_REQUEST, "a header does not parse ("
                    + e.getClass().getSimpleName() + " in jain-sip)", -1, frame.request(), frame.headers()));
        }
        if (message == null) {
            return drop("the parser found no message", -1);
        }
        try {
            DisplayNames.restore(message, frame);
        } catch (ParseException | RuntimeException e) {
            return reject(new MalformedMessageException(Kind.BAD_REQUEST, "From or To display name cannot be kept ("
                    + e.getClass().getSimpleName() + ")", -1, frame.request(), frame.headers()));
        }
        decoded.increment();
        return new DecodeResult.Decoded(message, frame);
    }

    /** Messages decoded so far. */
    public long decoded() {
        return decoded.sum();
    }

    /** Requests rejected with a response to send. */
    public long rejected() {
        return rejected.sum();
    }

    /** Messages dropped without an answer (bad responses, unanswerable requests). */
    public long dropped() {
        return dropped.sum();
    }

    private DecodeResult reject(MalformedMessageException e) {
        byte[] response = null;
        if (e.request() && e.kind() != Kind.UNANSWERABLE) {
            response = RejectionResponse.build(e.kind().status(), e.reason(), e.headers(), warnAgent);
        }
        if (response == null) {
            int status = e.request() ? e.kind().status() : 0;
            String reason = status == 0 ? e.reason()
                    : e.reason() + "; not answered: Via, From, To, Call-ID or CSeq cannot be recovered";
            dropped.increment();
            log.debug("dropping message: {} (offset {})", reason, e.offset());
            return new DecodeResult.Rejected(status, reason, e.offset(), null);
        }
        rejected.increment();
        log.debug("rejecting request with {}: {} (offset {})", e.kind().status(), e.reason(), e.offset());
        return new DecodeResult.Rejected(e.kind().status(), e.reason(), e.offset(), response);
    }

    private DecodeResult drop(String reason, int offset) {
        dropped.increment();
        log.debug("dropping message: {} (offset {})", reason, offset);
        return new DecodeResult.Rejected(0, reason, offset, null);
    }
}
