package io.dialer.probe;

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
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A test CA made at test time that can also issue the certificates the
 * stack's TestCertificates cannot: with any validity window (an expired
 * one). Files are PEM, for Kamailio's OpenSSL and for {@code --ca}.
 */
final class ProbePki {

    private final KeyPair caKeys = newKeyPair();
    private final X500Name caName;
    private final X509Certificate ca;
    private final AtomicLong serial = new AtomicLong(System.nanoTime());

    ProbePki(String name) {
        this.caName = new X500Name("CN=" + name);
        Instant now = Instant.now();
        this.ca = sign(caName, caKeys, now.minusSeconds(3600), now.plusSeconds(86_400 * 365L), true, null);
    }

    /** The CA certificate as a PEM file. */
    Path writeCa(Path dir) {
        return write(dir.resolve("probe-ca.pem"), pem(ca));
    }

    /** A server certificate naming {@code dnsName} and/or {@code ip}, valid in [notBefore, notAfter]; returns chain and key files. */
    Path[] issue(Path dir, String fileName, String dnsName, InetAddress ip, Instant notBefore, Instant notAfter) {
        KeyPair keys = newKeyPair();
        java.util.List<GeneralName> names = new java.util.ArrayList<>();
        if (dnsName != null) {
            names.add(new GeneralName(GeneralName.dNSName, dnsName));
        }
        if (ip != null) {
            names.add(new GeneralName(GeneralName.iPAddress, ip.getHostAddress()));
        }
        X500Name subject = new X500Name("CN=" + (dnsName != null ? dnsName : ip.getHostAddress()));
        X509Certificate cert = sign(subject, keys, notBefore, notAfter, false,
                new GeneralNames(names.toArray(GeneralName[]::new)));
        Path chain = write(dir.resolve(fileName + "-chain.pem"), pem(cert) + pem(ca));
        Path key;
        try {
            key = write(dir.resolve(fileName + "-key.pem"), pem(new JcaPKCS8Generator(keys.getPrivate(), null).generate()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Path[] {chain, key};
    }

    private X509Certificate sign(X500Name subject, KeyPair subjectKeys, Instant from, Instant to, boolean isCa,
                                 GeneralNames altNames) {
        try {
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(caName, BigInteger.valueOf(serial.incrementAndGet()),
                    Date.from(from), Date.from(to), subject, subjectKeys.getPublic());
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            b.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(subjectKeys.getPublic()));
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(isCa));
            if (isCa) {
                b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            } else {
                b.addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(caKeys.getPublic()));
                b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
                b.addExtension(Extension.subjectAlternativeName, false, altNames);
            }
            return new JcaX509CertificateConverter().getCertificate(
                    b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(caKeys.getPrivate())));
        } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
            throw new IllegalStateException("could not issue a test certificate", e);
        }
    }

    private static KeyPair newKeyPair() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String pem(Object o) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(out)) {
            w.writeObject(o);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static Path write(Path file, String text) {
        try {
            return Files.writeString(file, text, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
