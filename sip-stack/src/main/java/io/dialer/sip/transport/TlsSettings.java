package io.dialer.sip.transport;

import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import javax.net.ssl.KeyManagerFactory;

/**
 * TLS configuration for both sides of SIP over TLS (RFC 3261 §26.3.1, RFC 5630).
 *
 * <p>Server side: the certificate our TLS listener presents ({@code server}); no
 * listener can start without one. Client side: whom we trust. By default the JVM's
 * system trust store; {@code trustedCaFile} replaces it with one CA PEM file, and
 * {@code trunkCaFiles} names a CA PEM file per server name (a trunk that signs its
 * own certificates) which then wins for that name only. Hostname verification
 * (RFC 5922 §7.2, HTTPS rules against the SAN) is on unless explicitly disabled.
 *
 * @param server          our own certificate and key, or null when we do not listen on TLS
 * @param trustedCaFile   a PEM file of trusted CAs replacing the system trust store, or null
 * @param trunkCaFiles    server name (lower case) to a CA PEM file trusted for that name only
 * @param verifyHostname  check that the peer certificate matches the host name (or IP)
 * @param protocols       enabled protocol versions; only TLSv1.3 and TLSv1.2 are allowed
 */
public record TlsSettings(ServerCredentials server, Path trustedCaFile, Map<String, Path> trunkCaFiles,
                          boolean verifyHostname, List<String> protocols) {

    /** The only protocol versions this stack speaks; TLS 1.0/1.1 are deprecated by RFC 8996. */
    public static final Set<String> ALLOWED_PROTOCOLS = Set.of("TLSv1.3", "TLSv1.2");

    public TlsSettings {
        trunkCaFiles = Map.copyOf(Objects.requireNonNull(trunkCaFiles, "trunkCaFiles"));
        protocols = List.copyOf(Objects.requireNonNull(protocols, "protocols"));
        if (protocols.isEmpty()) {
            throw new IllegalArgumentException("at least one TLS protocol must be enabled");
        }
        for (String p : protocols) {
            if (!ALLOWED_PROTOCOLS.contains(p)) {
                throw new IllegalArgumentException("TLS protocol " + p + " is not allowed (only TLSv1.3, TLSv1.2)");
            }
        }
        for (String name : trunkCaFiles.keySet()) {
            if (!name.equals(name.toLowerCase(java.util.Locale.ROOT))) {
                throw new IllegalArgumentException("trunk CA server name must be lower case: " + name);
            }
        }
    }

    /** System trust store, hostname verification on, TLS 1.3 and 1.2, no listener certificate. */
    public static TlsSettings defaults() {
        return new TlsSettings(null, null, Map.of(), true, List.of("TLSv1.3", "TLSv1.2"));
    }

    public TlsSettings withServer(ServerCredentials credentials) {
        return new TlsSettings(credentials, trustedCaFile, trunkCaFiles, verifyHostname, protocols);
    }

    public TlsSettings withTrustedCaFile(Path caPem) {
        return new TlsSettings(server, caPem, trunkCaFiles, verifyHostname, protocols);
    }

    /** Trusts {@code caPem} (instead of the default trust) for peers addressed as {@code serverName}. */
    public TlsSettings withTrunkCaFile(String serverName, Path caPem) {
        var copy = new java.util.HashMap<>(trunkCaFiles);
        copy.put(serverName.toLowerCase(java.util.Locale.ROOT), Objects.requireNonNull(caPem, "caPem"));
        return new TlsSettings(server, trustedCaFile, copy, verifyHostname, protocols);
    }

    /** Turns hostname verification off; the chain is still verified. For lab use only. */
    public TlsSettings withoutHostnameVerification() {
        return new TlsSettings(server, trustedCaFile, trunkCaFiles, false, protocols);
    }

    public TlsSettings withProtocols(String... enabled) {
        return new TlsSettings(server, trustedCaFile, trunkCaFiles, verifyHostname, List.of(enabled));
    }

    /** Where our TLS listener's certificate and private key come from. */
    public sealed interface ServerCredentials {

        /** PEM files: the certificate chain (leaf first) and an unencrypted PKCS#8 private key. */
        record PemFiles(Path certificateChain, Path privateKey) implements ServerCredentials {
            public PemFiles {
                Objects.requireNonNull(certificateChain, "certificateChain");
                Objects.requireNonNull(privateKey, "privateKey");
            }
        }

        /** An already initialised key manager factory (from a keystore, an HSM, ...). */
        record KeyManagers(KeyManagerFactory factory) implements ServerCredentials {
            public KeyManagers {
                Objects.requireNonNull(factory, "factory");
            }
        }

        /** A key and its certificate chain held in memory (leaf first). */
        record KeyAndChain(PrivateKey key, List<X509Certificate> chain) implements ServerCredentials {
            public KeyAndChain {
                Objects.requireNonNull(key, "key");
                chain = List.copyOf(chain);
                if (chain.isEmpty()) {
                    throw new IllegalArgumentException("certificate chain must not be empty");
                }
            }
        }
    }
}
