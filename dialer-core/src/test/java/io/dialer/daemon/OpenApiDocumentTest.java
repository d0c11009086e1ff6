package io.dialer.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dialer.daemon.http.Route;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keeps {@code /v1/openapi.json} in step with the router: the same routes
 * (method and path) in both, open routes (no key) marked {@code security: []}
 * in the document and only those, and the document served without a key.
 */
class OpenApiDocumentTest {

    @TempDir
    Path dir;

    @Test
    void theDocumentDescribesExactlyTheRoutes() throws Exception {
        try (DaemonFixture f = DaemonFixture.start("path: " + dir.resolve("openapi.db"), "")) {
            HttpResponse<String> served = f.send("GET", "/v1/openapi.json", null);
            assertThat(served.statusCode()).isEqualTo(200);
            JsonNode doc = new ObjectMapper().readTree(served.body());
            assertThat(doc.get("openapi").asText()).startsWith("3.");

            Map<String, Boolean> documented = new HashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> paths = doc.get("paths").fields(); paths.hasNext(); ) {
                Map.Entry<String, JsonNode> path = paths.next();
                for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext(); ) {
                    Map.Entry<String, JsonNode> op = ops.next();
                    JsonNode security = op.getValue().get("security");
                    documented.put(op.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey(),
                            security != null && security.isArray() && security.isEmpty());
                }
            }
            Map<String, Boolean> routed = new HashMap<>();
            for (Route r : f.daemon.routes()) {
                routed.put(r.method().name() + " " + r.template(), r.open());
            }
            assertThat(documented).isEqualTo(routed);
        }
    }
}
