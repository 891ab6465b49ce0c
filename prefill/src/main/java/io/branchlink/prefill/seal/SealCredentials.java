package io.branchlink.prefill.seal;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The bank's seal: its private key and certificate chain (the seal certificate first). From a PKCS#12 or JKS key
 * store in production; {@link #selfSigned} makes a throw-away one for tests and the demo, which no relying party
 * trusts.
 *
 * @param key the seal's private key (RSA or EC)
 * @param chain the seal certificate, then its issuers
 */
public record SealCredentials(PrivateKey key, List<X509Certificate> chain) {

    public SealCredentials {
        Objects.requireNonNull(key, "key");
        if (chain == null || chain.isEmpty()) {
            throw new IllegalArgumentException("a seal needs its certificate");
        }
        chain = List.copyOf(chain);
    }

    /** The seal certificate. */
    public X509Certificate certificate() {
        return chain.get(0);
    }

    /**
     * The key entry {@code alias} of a key store file (PKCS#12 or JKS, by the JDK's detection).
     *
     * @throws IllegalStateException when the file cannot be read or holds no such key entry
     */
    public static SealCredentials fromKeyStore(Path file, char[] password, String alias) {
        try {
            KeyStore store = KeyStore.getInstance(file.toFile(), password);
            if (!store.isKeyEntry(alias)) {
                throw new IllegalStateException("the key store " + file + " has no key entry " + alias);
            }
            PrivateKey key = (PrivateKey) store.getKey(alias, password);
            List<X509Certificate> chain = new ArrayList<>();
            for (Certificate certificate : store.getCertificateChain(alias)) {
                chain.add((X509Certificate) certificate);
            }
            return new SealCredentials(key, chain);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the seal key store " + file, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot open the seal key entry " + alias + " of " + file, e);
        }
    }

    /**
     * A new EC P-256 key with a self-signed seal certificate (digital signature and non-repudiation), valid from
     * {@code now} for {@code validity}: for tests and the demo only.
     */
    public static SealCredentials selfSigned(String commonName, Instant now, Duration validity) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair pair = generator.generateKeyPair();
            X500Name subject = new X500Name("CN=" + commonName.replaceAll("[,=+<>#;\"\\\\]", " ") + ",O=BranchLink");
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject,
                    new BigInteger(64, new SecureRandom()), Date.from(now.minus(Duration.ofMinutes(5))),
                    Date.from(now.plus(validity)), subject, pair.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true,
                    new KeyUsage(KeyUsage.digitalSignature | KeyUsage.nonRepudiation));
            X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())));
            return new SealCredentials(pair.getPrivate(), List.of(certificate));
        } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
            throw new IllegalStateException("cannot make a self-signed seal", e);
        }
    }

    /** The JCA signature algorithm for the seal's key: SHA-256 with RSA or with ECDSA. */
    String signatureAlgorithm() {
        return switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC", "ECDSA" -> "SHA256withECDSA";
            default -> throw new IllegalStateException("a seal key is RSA or EC, not " + key.getAlgorithm());
        };
    }

    @Override
    public String toString() {
        return "SealCredentials[" + certificate().getSubjectX500Principal().getName() + "]";
    }
}
