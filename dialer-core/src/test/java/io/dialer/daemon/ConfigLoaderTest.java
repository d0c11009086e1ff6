package io.dialer.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dialer.cli.Main;
import io.dialer.core.TrunkConfig;
import io.dialer.daemon.config.ConfigError;
import io.dialer.daemon.config.ConfigException;
import io.dialer.daemon.config.ConfigLoader;
import io.dialer.daemon.config.DaemonConfig;
import io.dialer.sip.transport.Transport;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The config file: the annotated example in config/dialer.yaml is valid and
 * means what its comments say; a bad file lists every problem with key path,
 * value and why; missing environment variables are named; secrets never appear
 * in errors; {@code dialer serve} exits 2 on a bad file.
 */
class ConfigLoaderTest {

    private static final Map<String, String> ENV = Map.of(
            "DIALER_API_KEY", "k-0123456789abcdef0123",
            "TRUNK_USERNAME", "acme",
            "TRUNK_PASSWORD", "s3cret-trunk-password",
            "DIALER_WEBHOOK_SECRET", "whsec-0123456789abcdef");

    @TempDir
    Path dir;

    private String example() throws Exception {
        return Files.readString(Path.of("../config/dialer.yaml")).replace("/var/lib/dialer/", dir + "/");
    }

    @Test
    void theAnnotatedExampleIsValidAndMeansWhatItSays() throws Exception {
        DaemonConfig c = new ConfigLoader(ENV).parse(example());

        TrunkConfig t = c.dialer().defaultTrunk();
        assertThat(t.name()).isEqualTo("default");
        assertThat(t.address().host()).isEqualTo("sip.example.com");
        assertThat(t.address().transport()).isEqualTo(Transport.TLS);
        assertThat(t.credentials()).hasValueSatisfying(cr -> {
            assertThat(cr.username()).isEqualTo("acme");
            assertThat(cr.password()).isEqualTo("s3cret-trunk-password");
        });
        assertThat(t.maxConcurrent()).isEqualTo(20);
        assertThat(t.maxCps()).isEqualTo(10.0);
        assertThat(t.limitWait()).isEqualTo(Duration.ofSeconds(30));
        assertThat(t.callerId()).isEqualTo("+12025550100");
        assertThat(t.callerIdPolicy().assertIdentity()).isTrue();
        assertThat(t.callerIdPolicy().privacyId()).isFalse();
        assertThat(c.dialer().timers().ringTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.dialer().timers().maxDuration()).isEqualTo(Duration.ofHours(1));
        assertThat(c.dialer().preconnectMinRing()).contains(Duration.ofSeconds(4));
        assertThat(c.dialer().stack().transport().udpPort()).isEqualTo(5060);
        assertThat(c.http().listen().getPort()).isEqualTo(8080);
        assertThat(c.http().maxActiveCalls()).isEqualTo(1000);
        assertThat(c.apiKeys()).singleElement().satisfies(k -> assertThat(k.value()).isEqualTo("k-0123456789abcdef0123"));
        assertThat(c.webhooks()).singleElement().satisfies(w -> {
            assertThat(w.url().toString()).isEqualTo("https://hooks.example.com/dialer");
            assertThat(w.secret().value()).isEqualTo("whsec-0123456789abcdef");
            assertThat(w.maxAge()).isEqualTo(Duration.ofHours(24));
            assertThat(w.backoffInitial()).isEqualTo(Duration.ofSeconds(1));
        });
        assertThat(c.store().jdbcUrl()).isEqualTo("jdbc:sqlite:" + dir.resolve("dialer.db"));
        assertThat(c.drainTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(c.toString()).doesNotContain("k-0123456789abcdef0123", "whsec-0123456789abcdef",
                "s3cret-trunk-password");
    }

    @Test
    void everyProblemIsListedWithKeyPathValueAndWhy() {
        String yaml = """
                http:
                  listen: nowhere
                api_keys: [k3y-abc]
                trunks:
                  - name: a
                    uri: http://example.com
                    max_cps: -3
                    limit_wait: soon
                    transport: sctp
                  - name: a
                    uri: sip:127.0.0.1:5062
                  - uri: sip:127.0.0.1:5063
                timers:
                  ring_timeout: 30 seconds
                webhooks:
                  - url: ftp://x
                    secret: hush-hush
                store:
                  url: jdbc:mysql://db/dialer
                colour: blue
                """;
        ConfigException e = catchConfig(yaml, Map.of());
        assertThat(e.errors()).extracting(ConfigError::path).contains(
                "http.listen", "api_keys[0]", "trunks[0].max_cps", "trunks[0].limit_wait", "trunks[0].transport",
                "trunks[1].name", "trunks[2].name", "timers.ring_timeout", "webhooks[0].url", "webhooks[0].secret",
                "store.url", "colour");
        assertThat(e.errors()).anySatisfy(err -> {
            assertThat(err.path()).isEqualTo("trunks[0].max_cps");
            assertThat(err.value()).isEqualTo("-3");
            assertThat(err.why()).contains("between 0 and");
        });
        assertThat(e.errors()).anySatisfy(err -> {
            assertThat(err.path()).isEqualTo("trunks[1].name");
            assertThat(err.why()).contains("another trunk already has this name");
        });
        assertThat(e.getMessage()).contains("timers.ring_timeout: '30 seconds': must be a duration");
        assertThat(e.getMessage()).doesNotContain("k3y-abc", "hush-hush");
    }

    @Test
    void aMissingEnvironmentVariableIsNamedAndSecretsAreNeverShown() {
        String yaml = """
                api_keys: ["${DIALER_API_KEY}"]
                trunks:
                  - name: t
                    uri: sip:127.0.0.1:5062
                    username: ${TRUNK_USER}
                    password: ${TRUNK_PASSWORD}
                webhooks:
                  - url: http://127.0.0.1:9/hook
                    secret: ${HOOK_SECRET}
                """;
        ConfigException e = catchConfig(yaml, Map.of("TRUNK_PASSWORD", "hunter2-hunter2", "HOOK_SECRET", "abc"));
        assertThat(e.errors()).extracting(ConfigError::line).contains(
                "api_keys[0]: '${DIALER_API_KEY}': environment variable DIALER_API_KEY is not set",
                "trunks[0].username: '${TRUNK_USER}': environment variable TRUNK_USER is not set");
        assertThat(e.errors()).anySatisfy(err -> assertThat(err.path()).isEqualTo("webhooks[0].secret"));
        assertThat(e.getMessage()).doesNotContain("hunter2", "abc");
    }

    @Test
    void serveExitsTwoListingEveryProblemBeforeBinding() throws Exception {
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, "trunks: []\napi_keys: []\nhttp: {listen: 127.0.0.1:99999}\n");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream old = System.err;
        int code;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            code = Main.run("serve", "--config", bad.toString());
        } finally {
            System.setErr(old);
        }
        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("3 problem(s)", "trunks: at least one trunk",
                "api_keys: at least one API key", "http.listen: '127.0.0.1:99999'");
    }

    @Test
    void checkOnlyValidatesAndExitsZero() throws Exception {
        Path good = dir.resolve("good.yaml");
        Files.writeString(good, "api_keys: [\"0123456789abcdef0\"]\ntrunks: [{name: sim, uri: 'sip:127.0.0.1:5062'}]\n"
                + "store: {path: " + dir.resolve("d.db") + "}\n");
        assertThat(Main.run("serve", "--config", good.toString(), "--check")).isZero();
    }

    private static ConfigException catchConfig(String yaml, Map<String, String> env) {
        ConfigLoader loader = new ConfigLoader(env);
        Throwable t = org.assertj.core.api.Assertions.catchThrowable(() -> loader.parse(yaml));
        assertThat(t).isInstanceOf(ConfigException.class);
        return (ConfigException) t;
    }

    @Test
    void brokenYamlIsOneErrorNamingTheLine() {
        assertThatThrownBy(() -> new ConfigLoader(Map.of()).parse("trunks: [\n  - {name: x\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("not valid YAML at line");
    }
}
