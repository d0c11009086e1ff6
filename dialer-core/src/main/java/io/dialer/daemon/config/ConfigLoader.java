package io.dialer.daemon.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.dialer.core.CallTimers;
import io.dialer.core.CallerIdPolicy;
import io.dialer.core.DialerConfig;
import io.dialer.core.TrunkAddress;
import io.dialer.core.TrunkConfig;
import io.dialer.sip.auth.Credentials;
import io.dialer.sip.transport.Transport;
import io.dialer.sip.ua.StackSettings;
import io.netty.util.NetUtil;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads and validates {@code dialer.yaml} (annotated example: config/dialer.yaml).
 * Every problem is collected with its key path, the value as written and why,
 * so {@code dialer serve} can list them all and exit before binding anything.
 */
public final class ConfigLoader {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final java.util.regex.Pattern CALLER_ID = java.util.regex.Pattern.compile("\\+?[0-9]{3,15}|[A-Za-z0-9._-]+");

    private final Map<String, String> env;

    /** @param env where {@code ${VAR}} references are looked up (usually {@code System.getenv()}) */
    public ConfigLoader(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    public DaemonConfig load(Path file) throws ConfigException, IOException {
        return parse(Files.readString(file));
    }

    public DaemonConfig parse(String yaml) throws ConfigException {
        JsonNode root;
        try {
            root = YAML.readTree(yaml);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr();
            throw new ConfigException(List.of(new ConfigError("(file)", null, "is not valid YAML" + where + ": "
                    + e.getOriginalMessage())));
        }
        if (root == null || !root.isObject()) {
            throw new ConfigException(List.of(new ConfigError("(file)", null, "must be a YAML mapping of keys")));
        }
        ConfigReader r = new ConfigReader(env);
        r.onlyKeys(root, "", Set.of("http", "sip", "region", "trunks", "timers", "voicemail", "webhooks", "store",
                "api_keys", "shutdown"));
        HttpSettings http = http(r, r.object(root, "", "http"));
        StackSettings stack = sip(r, r.object(root, "", "sip"));
        String region = r.string(root, "", "region", false);
        if (region != null && !region.matches("[A-Z]{2}")) {
            r.error("region", region, "must be an ISO 3166 region code like US or GB");
        }
        List<TrunkConfig> trunks = trunks(r, r.list(root, "", "trunks"));
        CallTimers timers = timers(r, r.object(root, "", "timers"));
        JsonNode voicemail = r.object(root, "", "voicemail");
        r.onlyKeys(voicemail, "voicemail", Set.of("preconnect_min_ring"));
        Duration preconnect = r.duration(voicemail, "voicemail", "preconnect_min_ring", Duration.ofSeconds(4));
        List<WebhookSettings> webhooks = webhooks(r, r.list(root, "", "webhooks"));
        StoreSettings store = store(r, r.object(root, "", "store"));
        List<Secret> keys = apiKeys(r, root);
        JsonNode shutdown = r.object(root, "", "shutdown");
        r.onlyKeys(shutdown, "shutdown", Set.of("drain_timeout", "outbox_flush_timeout"));
        Duration drain = r.duration(shutdown, "shutdown", "drain_timeout", Duration.ofSeconds(60));
        Duration flush = r.duration(shutdown, "shutdown", "outbox_flush_timeout", Duration.ofSeconds(10));
        if (!r.errors().isEmpty()) {
            throw new ConfigException(r.errors());
        }
        DialerConfig.Builder dialer = DialerConfig.builder().timers(timers).preconnectMinRing(preconnect).stack(stack);
        if (region != null) {
            dialer.defaultRegion(region);
        }
        trunks.forEach(dialer::trunk);
        return new DaemonConfig(dialer.build(), http, keys, webhooks, store, drain, flush);
    }

    private static HttpSettings http(ConfigReader r, JsonNode n) {
        r.onlyKeys(n, "http", Set.of("listen", "max_active_calls", "max_body_bytes"));
        String listen = r.string(n, "http", "listen", false);
        InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), 8080);
        if (listen != null) {
            address = r.parse("http.listen", ConfigReader.raw(n, "listen"), listen, ConfigLoader::hostPort);
        }
        int maxActive = r.integer(n, "http", "max_active_calls", 1000, 1, 1_000_000);
        int maxBody = r.integer(n, "http", "max_body_bytes", 65_536, 1024, 16 << 20);
        return new HttpSettings(address, maxActive, maxBody);
    }

    private static StackSettings sip(ConfigReader r, JsonNode n) {
        r.onlyKeys(n, "sip", Set.of("bind", "port"));
        StackSettings s = StackSettings.defaults();
        String bind = r.string(n, "sip", "bind", false);
        if (bind != null) {
            InetAddress a = r.parse("sip.bind", ConfigReader.raw(n, "bind"), bind, ConfigLoader::ipLiteral);
            if (a != null) {
                s = s.withTransport(s.transport().withBindAddress(a));
            }
        }
        return s.withLocalPort(r.integer(n, "sip", "port", 0, 0, 65535));
    }

    private static List<TrunkConfig> trunks(ConfigReader r, List<JsonNode> nodes) {
        if (nodes.isEmpty()) {
            r.error("trunks", null, "at least one trunk is required");
        }
        List<TrunkConfig> out = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < nodes.size(); i++) {
            String name = ConfigReader.raw(nodes.get(i), "name");
            if (name != null && !names.add(name)) {
                r.error("trunks[" + i + "].name", name, "another trunk already has this name");
            }
            TrunkConfig t = trunk(r, nodes.get(i), "trunks[" + i + "]");
            if (t != null) {
                out.add(t);
            }
        }
        return out;
    }

    private static TrunkConfig trunk(ConfigReader r, JsonNode n, String p) {
        if (!n.isObject()) {
            r.error(p, n.asText(), "must be a mapping with name, uri and the trunk's settings");
            return null;
        }
        r.onlyKeys(n, p, Set.of("name", "uri", "transport", "username", "password", "max_concurrent", "max_cps",
                "limit_wait", "caller_id", "pai", "privacy", "ca_file"));
        int errorsBefore = r.errors().size();
        String name = r.string(n, p, "name", true);
        if (name != null && !name.matches("[A-Za-z0-9_.-]{1,64}")) {
            r.error(p + ".name", name, "must be 1-64 letters, digits, '.', '_' or '-'");
        }
        String transportText = r.string(n, p, "transport", false);
        Transport transport = r.parse(p + ".transport", transportText, transportText, t -> {
            try {
                return Transport.parse(t);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("must be udp, tcp or tls");
            }
        });
        String uri = r.string(n, p, "uri", true);
        TrunkAddress address = r.parse(p + ".uri", ConfigReader.raw(n, "uri"), uri, u -> TrunkAddress.parse(u, transport));
        String username = r.string(n, p, "username", false);
        String password = r.string(n, p, "password", false);
        if (n.has("username") != n.has("password")) {
            r.error(p + (n.has("username") ? ".password" : ".username"), null,
                    "username and password go together: give both or neither");
        }
        int maxConcurrent = r.integer(n, p, "max_concurrent", 0, 0, 100_000);
        double maxCps = r.decimal(n, p, "max_cps", 0, 0, 10_000);
        Duration limitWait = r.duration(n, p, "limit_wait", Duration.ofSeconds(30));
        String callerId = r.string(n, p, "caller_id", false);
        if (callerId != null && !CALLER_ID.matcher(callerId).matches()) {
            r.error(p + ".caller_id", callerId, "must be a number like +12025550100 or a SIP user name");
        }
        CallerIdPolicy policy = new CallerIdPolicy(r.bool(n, p, "pai", true), r.bool(n, p, "privacy", false));
        String caFile = r.string(n, p, "ca_file", false);
        if (caFile != null && !Files.isReadable(Path.of(caFile))) {
            r.error(p + ".ca_file", ConfigReader.raw(n, "ca_file"), "is not a readable file");
        }
        if (r.errors().size() > errorsBefore) {
            return null;
        }
        Optional<Credentials> credentials = username == null || password == null ? Optional.empty()
                : Optional.of(Credentials.of(username, password));
        return new TrunkConfig(name, address, credentials, callerId, policy, maxConcurrent, maxCps, limitWait,
                caFile == null ? null : Path.of(caFile));
    }

    private static CallTimers timers(ConfigReader r, JsonNode n) {
        r.onlyKeys(n, "timers", Set.of("ring_timeout", "max_duration", "silence_timeout", "media_timeout"));
        CallTimers d = CallTimers.defaults();
        return new CallTimers(r.duration(n, "timers", "ring_timeout", d.ringTimeout()),
                r.duration(n, "timers", "max_duration", d.maxDuration()),
                r.duration(n, "timers", "silence_timeout", d.silenceTimeout()),
                r.duration(n, "timers", "media_timeout", d.mediaTimeout()));
    }

    private static List<WebhookSettings> webhooks(ConfigReader r, List<JsonNode> nodes) {
        List<WebhookSettings> out = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            String p = "webhooks[" + i + "]";
            JsonNode n = nodes.get(i);
            r.onlyKeys(n, p, Set.of("url", "secret", "max_age", "backoff_initial", "backoff_max", "timeout"));
            String url = r.string(n, p, "url", true);
            URI uri = r.parse(p + ".url", ConfigReader.raw(n, "url"), url, ConfigLoader::httpUri);
            String secret = r.string(n, p, "secret", true);
            if (secret != null && secret.length() < 16) {
                // The value is not shown: it is a secret.
                r.error(p + ".secret", null, "must be at least 16 characters (an HMAC key that short is guessable)");
            }
            Duration maxAge = r.duration(n, p, "max_age", Duration.ofHours(24));
            Duration initial = r.duration(n, p, "backoff_initial", Duration.ofSeconds(1));
            Duration max = r.duration(n, p, "backoff_max", Duration.ofMinutes(10));
            Duration timeout = r.duration(n, p, "timeout", Duration.ofSeconds(10));
            if (initial.isZero() || max.compareTo(initial) < 0) {
                r.error(p + ".backoff_initial", ConfigReader.raw(n, "backoff_initial"),
                        "must be more than 0 and at most backoff_max");
            }
            if (maxAge.isZero() || timeout.isZero()) {
                r.error(p + (maxAge.isZero() ? ".max_age" : ".timeout"), "0", "must be more than 0");
            }
            if (uri != null && secret != null) {
                out.add(new WebhookSettings(uri, new Secret(secret), maxAge, initial, max, timeout));
            }
        }
        return out;
    }

    private static StoreSettings store(ConfigReader r, JsonNode n) {
        r.onlyKeys(n, "store", Set.of("path", "url", "username", "password"));
        String path = r.string(n, "store", "path", false);
        String url = r.string(n, "store", "url", false);
        Optional<String> user = Optional.ofNullable(r.string(n, "store", "username", false));
        Optional<Secret> password = Optional.ofNullable(r.string(n, "store", "password", false)).map(Secret::new);
        if (path != null && url != null) {
            r.error("store", null, "give path (SQLite) or url (PostgreSQL), not both");
        }
        if (url != null) {
            if (!url.startsWith("jdbc:postgresql:")) {
                r.error("store.url", ConfigReader.raw(n, "url"), "must be a PostgreSQL JDBC URL (jdbc:postgresql://host:port/db); "
                        + "for SQLite give store.path");
            }
            return new StoreSettings(url, user, password);
        }
        Path file = Path.of(path == null ? "dialer.db" : path).toAbsolutePath();
        if (file.getParent() != null && !Files.isDirectory(file.getParent())) {
            r.error("store.path", ConfigReader.raw(n, "path"), "directory " + file.getParent() + " does not exist");
        }
        return StoreSettings.sqlite(file);
    }

    private static List<Secret> apiKeys(ConfigReader r, JsonNode root) {
        List<JsonNode> nodes = r.list(root, "", "api_keys");
        if (nodes.isEmpty()) {
            r.error("api_keys", null, "at least one API key is required (the API never runs open)");
        }
        List<Secret> out = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            String p = "api_keys[" + i + "]";
            String key = nodes.get(i).isValueNode() ? r.resolve(p, nodes.get(i).asText()) : null;
            if (!nodes.get(i).isValueNode()) {
                r.error(p, null, "must be a string");
            } else if (key != null && key.length() < 16) {
                r.error(p, null, "must be at least 16 characters (use a random key, e.g. openssl rand -hex 24)");
            } else if (key != null) {
                out.add(new Secret(key));
            }
        }
        return out;
    }

    private static InetSocketAddress hostPort(String text) {
        URI u;
        try {
            u = URI.create("http://" + text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("must be host:port, e.g. 127.0.0.1:8080");
        }
        if (u.getHost() == null || u.getPort() < 0 || u.getPort() > 65535) {
            throw new IllegalArgumentException("must be host:port, e.g. 127.0.0.1:8080 or [::1]:8080");
        }
        return new InetSocketAddress(ipLiteral(u.getHost().replaceAll("^\\[|]$", "")), u.getPort());
    }

    private static InetAddress ipLiteral(String text) {
        byte[] ip = NetUtil.createByteArrayFromIpAddressString(text);
        if (ip == null) {
            throw new IllegalArgumentException("must be an IP address (a name could resolve to something unexpected)");
        }
        try {
            return InetAddress.getByAddress(ip);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("is not an IP address");
        }
    }

    private static URI httpUri(String text) {
        URI u;
        try {
            u = URI.create(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("is not a URL");
        }
        if (!"http".equals(u.getScheme()) && !"https".equals(u.getScheme()) || u.getHost() == null) {
            throw new IllegalArgumentException("must be an http:// or https:// URL with a host");
        }
        return u;
    }
}
