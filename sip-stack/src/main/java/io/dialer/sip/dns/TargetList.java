package io.dialer.sip.dns;

import io.dialer.sip.transport.Endpoint;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The ordered targets for one request and how far the caller got through them.
 * RFC 3263 §4.3: on a transport error, a timeout, or a 503 before any provisional
 * response, the client tries the next target; this class only keeps the place and
 * the record of what was tried, the decision belongs to the UA.
 *
 * <p>Not thread-safe: one list belongs to one request on one event loop.
 */
public final class TargetList implements Iterator<Endpoint> {

    private final String host;
    private final List<Endpoint> targets;
    private final List<Endpoint> tried = new ArrayList<>();

    /**
     * @param host    what was resolved, for descriptions (e.g. "trunk.test")
     * @param targets the resolver's answer, in the order to try
     */
    public TargetList(String host, List<Endpoint> targets) {
        this.host = Objects.requireNonNull(host, "host");
        this.targets = List.copyOf(targets);
    }

    @Override
    public boolean hasNext() {
        return tried.size() < targets.size();
    }

    /** The next target to try; it counts as tried from now on. */
    @Override
    public Endpoint next() {
        if (!hasNext()) {
            throw new NoSuchElementException("all " + targets.size() + " targets for " + host + " were tried: " + triedList());
        }
        Endpoint next = targets.get(tried.size());
        tried.add(next);
        return next;
    }

    /** The targets handed out so far, oldest first. */
    public List<Endpoint> tried() {
        return List.copyOf(tried);
    }

    /** Every target, in order. */
    public List<Endpoint> all() {
        return targets;
    }

    /** E.g. "trunk.test: tried 2 of 3 targets (udp:127.0.0.1:5070, udp:127.0.0.1:5071)". */
    public String describe() {
        return host + ": tried " + tried.size() + " of " + targets.size() + " targets"
                + (tried.isEmpty() ? "" : " (" + triedList() + ")");
    }

    private String triedList() {
        return tried.stream().map(Endpoint::toString).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return describe();
    }
}
