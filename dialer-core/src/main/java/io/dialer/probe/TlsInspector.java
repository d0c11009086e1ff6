package io.dialer.probe;

import io.dialer.sip.transport.Endpoint;
import io.netty.util.NetUtil;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;
import javax.security.auth.x500.X500Principal;

/**
 * The TLS part of check 3: a JSSE handshake over an open TCP connection with
 * the stack's trust rules (the system trust store, or the {@code --ca} file in
 * its place; TLS 1.3 and 1.2; RFC 5922 §7.2 name matching). The handshake is
 * allowed to finish whatever the certificate, so that the report can name
 * each problem (chain, name, dates) instead of one handshake error.
 */
final class TlsInspector {

    static final String NAME = "tls";

    /** Fewer days than this before expiry is a warning: time to renew. */
    private static final long EXPIRY_WARNING_DAYS = 14;

    private final Path caFile;

    TlsInspector(Path caFile) {
        this.caFile = caFile;
    }

    CheckResult inspect(Socket tcp, Endpoint target, Duration timeout) {
        String expectedName = target.serverName() != null ? target.serverName()
                : target.address().getAddress().getHostAddress();
        RecordingTrustManager trust;
        try {
            trust = new RecordingTrustManager(systemOrFile());
        } catch (IOException | GeneralSecurityException e) {
            return CheckResult.fail(NAME, "cannot load the CA file " + caFile + ": " + e.getMessage(),
                    "pass a PEM file of CA certificates with --ca");
        }
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {trust}, null);
            SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(tcp, expectedName,
                    target.address().getPort(), true);
            SSLParameters params = tls.getSSLParameters();
            params.setProtocols(new String[] {"TLSv1.3", "TLSv1.2"}); // TlsSettings.ALLOWED_PROTOCOLS, RFC 8996
            if (target.serverName() != null && !NetUtil.isValidIpV4Address(target.serverName())
                    && !NetUtil.isValidIpV6Address(target.serverName())) {
                params.setServerNames(List.of(new SNIHostName(target.serverName())));
            }
            tls.setSSLParameters(params);
            tls.setSoTimeout((int) timeout.toMillis());
            tls.startHandshake();
            SSLSession session = tls.getSession();
            CheckResult result = judge(session.getProtocol(), session.getCipherSuite(), trust, expectedName);
            tls.close();
            return result;
        } catch (SSLException e) {
            return CheckResult.fail(NAME, "TLS handshake with " + target + " failed: " + e.getMessage(),
                    "check that the port speaks TLS (5061 is usual) and supports TLS 1.2 or 1.3");
        } catch (IOException | GeneralSecurityException e) {
            return CheckResult.fail(NAME, "TLS with " + target + " failed: " + e.getMessage(),
                    "check that the port speaks TLS (5061 is usual)");
        }
    }

    private CheckResult judge(String protocol, String cipher, RecordingTrustManager trust, String expectedName) {
        List<X509Certificate> chain = trust.chain;
        if (chain.isEmpty()) {
            return CheckResult.fail(NAME, protocol + ", " + cipher + ", but the server sent no certificate",
                    "the trunk must present a certificate for " + expectedName);
        }
        X509Certificate leaf = chain.get(0);
        Instant now = Instant.now();
        Instant notAfter = leaf.getNotAfter().toInstant();
        long days = Duration.between(now, notAfter).toDays();
        List<String> names = names(leaf);
        boolean nameMatches = matches(leaf, names, expectedName);
        String subject = leaf.getSubjectX500Principal().getName(X500Principal.RFC2253);
        String issuer = leaf.getIssuerX500Principal().getName(X500Principal.RFC2253);
        String base = protocol + ", " + cipher + "; certificate " + subject + " for " + names + " issued by " + issuer
                + ", valid until " + LocalDate.ofInstant(notAfter, ZoneOffset.UTC);
        CheckResult result;
        if (now.isAfter(notAfter)) {
            result = CheckResult.fail(NAME, base + ": EXPIRED " + (-days) + " days ago",
                    "the trunk's certificate has expired: the provider must renew it (the dialer refuses it, "
                            + "as any TLS client should)");
        } else if (now.isBefore(leaf.getNotBefore().toInstant())) {
            result = CheckResult.fail(NAME, base + ": not valid before " + leaf.getNotBefore().toInstant()
                    + " (is this machine's clock right?)", "check the clock (NTP) here and on the trunk");
        } else if (trust.chainError != null) {
            result = CheckResult.fail(NAME, base + ": the chain does not lead to a trusted CA ("
                            + rootCause(trust.chainError) + ")",
                    caFile == null ? "if the trunk uses a private CA, pass its certificate with --ca FILE; "
                            + "else ask the provider for a certificate from a public CA or the missing intermediate"
                            : "the chain does not lead to the CA in " + caFile + ": get the right CA certificate "
                            + "from the provider");
        } else if (!nameMatches) {
            result = CheckResult.fail(NAME, base + ": the certificate does not name " + expectedName
                            + " (RFC 5922 §7.2)",
                    "use the host name the certificate names in the trunk URI (e.g. sips:" + (names.isEmpty()
                            ? "HOST" : names.get(0)) + "), or ask the provider for a certificate that names "
                            + expectedName);
        } else if (days < EXPIRY_WARNING_DAYS) {
            result = CheckResult.warn(NAME, base + ": chain trusted, name matches, but it expires in " + days
                    + " days", "ask the provider when the certificate will be renewed");
        } else {
            result = CheckResult.ok(NAME, base + ": chain trusted, name " + expectedName + " matches, "
                    + days + " days to expiry");
        }
        return result.with("days_to_expiry", days);
    }

    /** The SAN dNSName and iPAddress entries (RFC 5922 §7.1). */
    private static List<String> names(X509Certificate cert) {
        List<String> names = new ArrayList<>();
        try {
            if (cert.getSubjectAlternativeNames() != null) {
                for (List<?> san : cert.getSubjectAlternativeNames()) {
                    int type = (Integer) san.get(0);
                    if (type == 2 || type == 7) {
                        names.add(String.valueOf(san.get(1)));
                    }
                }
            }
        } catch (CertificateParsingException e) {
            // An unreadable SAN extension names nothing; the name check then fails with the evidence.
        }
        return names;
    }

    /**
     * RFC 2818 §3.1 rules, which RFC 5922 §7.2 asks for (as the stack's "HTTPS"
     * endpoint identification): an IP must equal an iPAddress entry; a name
     * matches a dNSName, with a wildcard only as the whole left-most label;
     * the subject CN counts only when there is no dNSName.
     */
    static boolean matches(X509Certificate cert, List<String> names, String expected) {
        boolean ip = NetUtil.isValidIpV4Address(expected) || NetUtil.isValidIpV6Address(expected);
        if (ip) {
            byte[] want = NetUtil.createByteArrayFromIpAddressString(expected);
            for (String n : names) {
                byte[] have = NetUtil.createByteArrayFromIpAddressString(n);
                if (have != null && java.util.Arrays.equals(have, want)) {
                    return true;
                }
            }
            return false;
        }
        List<String> dns = names.stream().filter(n -> NetUtil.createByteArrayFromIpAddressString(n) == null).toList();
        if (dns.isEmpty()) {
            String cn = commonName(cert);
            dns = cn == null ? List.of() : List.of(cn);
        }
        String host = expected.toLowerCase(Locale.ROOT);
        for (String n : dns) {
            String name = n.toLowerCase(Locale.ROOT);
            if (name.equals(host)) {
                return true;
            }
            if (name.startsWith("*.") && host.indexOf('.') > 0
                    && host.substring(host.indexOf('.')).equals(name.substring(1))) {
                return true;
            }
        }
        return false;
    }

    private static String commonName(X509Certificate cert) {
        for (String part : cert.getSubjectX500Principal().getName(X500Principal.RFC2253).split(",")) {
            if (part.startsWith("CN=")) {
                return part.substring(3);
            }
        }
        return null;
    }

    private static String rootCause(Throwable t) {
        Throwable last = t;
        while (last.getCause() != null) {
            last = last.getCause();
        }
        return last.getMessage() != null ? last.getMessage() : last.toString();
    }

    private X509TrustManager systemOrFile() throws IOException, GeneralSecurityException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        if (caFile == null) {
            factory.init((KeyStore) null); // the JVM's default trust store, as the stack's TlsContexts
        } else {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            try (InputStream in = Files.newInputStream(caFile)) {
                int i = 0;
                for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                    store.setCertificateEntry("ca-" + i++, c);
                }
                if (i == 0) {
                    throw new CertificateException("no certificate in the file");
                }
            }
            factory.init(store);
        }
        for (TrustManager tm : factory.getTrustManagers()) {
            if (tm instanceof X509TrustManager x) {
                return x;
            }
        }
        throw new GeneralSecurityException("no X.509 trust manager available");
    }

    /** Keeps the chain and the delegate's verdict and never fails the handshake itself. */
    private static final class RecordingTrustManager extends X509ExtendedTrustManager {

        private final X509TrustManager delegate;
        private volatile List<X509Certificate> chain = List.of();
        private volatile CertificateException chainError;

        RecordingTrustManager(X509TrustManager delegate) {
            this.delegate = delegate;
        }

        private void record(X509Certificate[] certs, String authType) {
            chain = List.of(certs);
            try {
                // Chain and dates only: the name is judged separately so the report can say which failed.
                delegate.checkServerTrusted(certs, authType);
            } catch (CertificateException e) {
                chainError = e;
            }
        }

        @Override
        public void checkServerTrusted(X509Certificate[] certs, String authType, Socket socket) {
            record(certs, authType);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] certs, String authType, SSLEngine engine) {
            record(certs, authType);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] certs, String authType) {
            record(certs, authType);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] certs, String authType, Socket socket)
                throws CertificateException {
            throw new CertificateException("the probe is a client only");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] certs, String authType, SSLEngine engine)
                throws CertificateException {
            throw new CertificateException("the probe is a client only");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] certs, String authType) throws CertificateException {
            throw new CertificateException("the probe is a client only");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return delegate.getAcceptedIssuers();
        }
    }
}
