package io.dialer.daemon.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dialer.core.CallRecords;
import io.dialer.core.DialerEvent;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The JSON body of a webhook: {@code {"event_id", "type", "state", "at", "call": <record>}}
 * (design.md §5, §6). The event id is made once, when the event is stored, so every
 * retry of a delivery carries the same one.
 */
public final class WebhookEvents {

    private final SecureRandom random = new SecureRandom();

    /** A fresh event id, {@code evt_} and 24 hex digits. */
    public String newEventId() {
        byte[] b = new byte[12];
        random.nextBytes(b);
        return "evt_" + HexFormat.of().formatHex(b);
    }

    /** The webhook body of an event. */
    public String payload(String eventId, DialerEvent event) {
        ObjectMapper mapper = CallRecords.mapper();
        ObjectNode body = mapper.createObjectNode();
        body.put("event_id", eventId);
        body.put("type", event.type().wireName());
        body.put("state", event.state());
        body.put("at", CallRecords.format(event.at()));
        body.set("call", mapper.valueToTree(event.record()));
        try {
            return mapper.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
