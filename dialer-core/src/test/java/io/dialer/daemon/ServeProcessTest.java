package io.dialer.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dialer.sim.SimSettings;
import io.dialer.sim.Simulator;
import io.dialer.sip.transport.Transport;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dialer serve} as a real process: it starts from a config file whose API
 * key comes from the environment, takes a call, and on SIGTERM stops taking calls,
 * lets the call run to the drain timeout, hangs it up, stores its final record and
 * exits; the key never appears in its output.
 */
class ServeProcessTest {

    private static final String KEY = "env-key-0123456789abcdef";
    private static final Pattern LISTENING = Pattern.compile("API on http://([0-9.]+):(\\d+)");

    @TempDir
    Path dir;

    @Test
    void sigtermDrainsStoresAndExits() throws Exception {
        try (Simulator sim = Simulator.start(SimSettings.defaults())) {
            Path db = dir.resolve("serve.db");
            Path config = dir.resolve("dialer.yaml");
            Files.writeString(config, """
                    http: {listen: "127.0.0.1:0"}
                    api_keys: ["${DIALER_API_KEY}"]
                    trunks: [{name: sim, uri: "sip:127.0.0.1:%d", caller_id: "+12025550100"}]
                    store: {path: "%s"}
                    shutdown: {drain_timeout: 1s}
                    """.formatted(sim.localAddress(Transport.UDP).getPort(), db));
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
            ProcessBuilder pb = new ProcessBuilder(java, "-cp", cp, "io.dialer.cli.Main", "serve", "--config",
                    config.toString()).redirectErrorStream(true);
            pb.environment().put("DIALER_API_KEY", KEY);
            Process p = pb.start();
            List<String> output = new CopyOnWriteArrayList<>();
            CompletableFuture<URI> listening = new CompletableFuture<>();
            Thread reader = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line; (line = r.readLine()) != null; ) {
                        output.add(line);
                        Matcher m = LISTENING.matcher(line);
                        if (m.find()) {
                            listening.complete(URI.create("http://" + m.group(1) + ":" + m.group(2)));
                        }
                    }
                } catch (java.io.IOException e) {
                    listening.completeExceptionally(e);
                }
                listening.completeExceptionally(new AssertionError("exited before listening: " + output));
            }, "serve-output");
            reader.start();
            try {
                URI base = listening.get(60, TimeUnit.SECONDS);
                HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
                HttpResponse<String> created = http.send(HttpRequest.newBuilder(base.resolve("/v1/calls"))
                        .header("Authorization", "Bearer " + KEY)
                        .POST(HttpRequest.BodyPublishers.ofString("{\"to\":\"+12025550201\"}")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
                String id = new ObjectMapper().readTree(created.body()).get("call_id").asText();

                p.destroy(); // SIGTERM
                assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
                reader.join(5000);
                assertThat(p.exitValue()).as("exit after SIGTERM: %s", output).isIn(0, 143);

                try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
                     Statement s = c.createStatement();
                     ResultSet rs = s.executeQuery("SELECT status FROM calls WHERE call_id = '" + id + "'")) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getString(1)).as("final record stored before exit").isIn("ended", "canceled");
                }
                assertThat(String.join("\n", output)).doesNotContain(KEY);
            } finally {
                p.destroyForcibly();
            }
        }
    }
}
