package io.dialer.sim;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One header the simulator adds to a response, as name and value.
 *
 * @param name  the header name, e.g. {@code Reason}
 * @param value the header value as sent, e.g. {@code Q.850;cause=17;text="User busy"}
 */
public record HeaderField(String name, String value) {

    public HeaderField {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
    }

    /** The fields as the ordered name-to-value map the stack's IncomingCall takes; names must differ. */
    static Map<String, String> toMap(List<HeaderField> fields) {
        Map<String, String> map = new LinkedHashMap<>();
        for (HeaderField f : fields) {
            if (map.putIfAbsent(f.name(), f.value()) != null) {
                throw new IllegalArgumentException("two " + f.name() + " headers; join their values with a comma");
            }
        }
        return map;
    }
}
