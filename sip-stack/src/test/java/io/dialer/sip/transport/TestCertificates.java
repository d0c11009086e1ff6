package io.dialer.sip.transport;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Test PKI made at test time with BouncyCastle: a CA, and server certificates it signs
 * for a DNS name and/or IP address (subjectAltName, RFC 5922 §7.1). Everything can be
 * written as PEM (CA certificate, server chain, PKCS#8 key) for Netty or for a
 * Kamailio/OpenSSL TLS listener. ECDSA P-256 keys keep generation fast.
 */
public final class TestCertificates {

    private final String caName;
    private final KeyPair caKeys;
    private final X509Certificate caCertificate;
    private final AtomicLong serial = new AtomicLong(System.nanoTime());

    private TestCertificates(String caName) {
        this.caName = caName;
        this.caKeys = newKeyPair();
        this.caCertificate = sign(new X500Name("CN=" + caName), caKeys, new X500Name("CN=" + caName),
                caKeys.getPrivate(), true, List.of());
    }

    /** A new CA with its own key; each call is a distinct, unrelated CA. */
    public static TestCertificates newCa(String commonName) {
        return new TestCertificates(commonName);
    }

    public X509Certificate caCertificate() {
        return caCertificate;
    }

    /**
     * A server certificate signed by this CA.
     *
     * @param dnsName the SAN dNSName (and CN), or null
     * @param ip      the SAN iPAddress, or null
     */
    public Server issueServer(String dnsName, InetAddress ip) {
        KeyPair keys = newKeyPair();
        List<GeneralName> names = new ArrayList<>();
        if (dnsName != null) {
            names.add(new GeneralName(GeneralName.dNSName, dnsName));
        }
        if (ip != null) {
            names.add(new GeneralName(GeneralName.iPAddress, ip.getHostAddress()));
        }
        if (names.isEmpty()) {
            throw new IllegalArgumentException("a server certificate needs a DNS name or an IP address");
        }
        String cn = dnsName != null ? dnsName : ip.getHostAddress();
        X509Certificate cert = sign(new X500Name("CN=" + cn), keys, new X500Name("CN=" + caName),
                caKeys.getPrivate(), false, names);
        return new Server(keys.getPrivate(), List.of(cert, caCertificate));
    }

    /** Writes the CA certificate as PEM and returns the file. */
    public Path writeCaPem(Path directory) {
        return write(directory.resolve(fileName(caName) + "-ca.pem"), pem(caCertificate));
    }

    /** A server's key and chain (leaf first, then the CA). */
    public record Server(PrivateKey key, List<X509Certificate> chain) {

        /** Writes {@code <name>-chain.pem} and {@code <name>-key.pem} (PKCS#8) into {@code directory}. */
        public PemFiles writePem(Path directory, String name) {
            StringBuilder chainPem = new StringBuilder();
            chain.forEach(c -> chainPem.append(pem(c)));
            Path chainFile = write(directory.resolve(name + "-chain.pem"), chainPem.toString());
            Path keyFile = write(directory.resolve(name + "-key.pem"), pkcs8Pem(key));
            return new PemFiles(chainFile, keyFile);
        }

        public TlsSettings.ServerCredentials credentials() {
            return new TlsSettings.ServerCredentials.KeyAndChain(key, chain);
        }
    }

    /** Paths of a written server certificate chain and PKCS#8 key. */
    public record PemFiles(Path certificateChain, Path privateKey) {
        public TlsSettings.ServerCredentials credentials() {
            return new TlsSettings.ServerCredentials.PemFiles(certificateChain, privateKey);
        }
    }

    private X509Certificate sign(X500Name subject, KeyPair subjectKeys, X500Name issuer, PrivateKey issuerKey,
                                 boolean ca, List<GeneralName> altNames) {
        try {
            Instant now = Instant.now();
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(issuer,
                    BigInteger.valueOf(serial.incrementAndGet()), Date.from(now.minus(Duration.ofHours(1))),
                    Date.from(now.plus(Duration.ofDays(30))), subject, subjectKeys.getPublic());
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            b.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(subjectKeys.getPublic()));
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
            if (ca) {
                b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            } else {
                b.addExtension(Extension.authorityKeyIdentifier, false,
                        ext.createAuthorityKeyIdentifier(caCertificateOrSelf(subjectKeys)));
                b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
                b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(
                        new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}));
                b.addExtension(Extension.subjectAlternativeName, false,
                        new GeneralNames(altNames.toArray(GeneralName[]::new)));
            }
            ContentSigner signer = new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKey);
            return new JcaX509CertificateConverter().getCertificate(b.build(signer));
        } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
            throw new IllegalStateException("could not issue a test certificate for " + subject, e);
        }
    }

    private java.security.PublicKey caCertificateOrSelf(KeyPair subjectKeys) {
        return caCertificate != null ? caCertificate.getPublicKey() : subjectKeys.getPublic();
    }

    private static KeyPair newKeyPair() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("EC P-256 key generation is unavailable", e);
        }
    }

    private static String pem(Object object) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(out)) {
            w.writeObject(object);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static String pkcs8Pem(PrivateKey key) {
        try {
            // PKCS#8 ("BEGIN PRIVATE KEY"), which both Netty and OpenSSL load.
            return pem(new JcaPKCS8Generator(key, null).generate());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path write(Path file, String content) {
        try {
            return Files.writeString(file, content, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String fileName(String name) {
        return name.replaceAll("[^A-Za-z0-9.-]", "_");
    }
}
