package io.branchlink.prefill.seal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Calendar;
import java.util.Collection;
import java.util.GregorianCalendar;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.SignatureOptions;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1InputStream;
import org.bouncycastle.asn1.ASN1Set;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.cms.SignedData;
import org.bouncycastle.asn1.ess.ESSCertIDv2;
import org.bouncycastle.asn1.ess.SigningCertificateV2;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.IssuerSerial;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.CMSAttributeTableGenerator;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.DefaultSignedAttributeTableGenerator;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * Seals a PDF with the bank's key: a PAdES-style signature (sub-filter {@code ETSI.CAdES.detached}) whose CMS
 * SignedData covers the whole file, signed attributes with the signing-certificate-v2 of the seal and no CMS
 * signing time (PAdES puts the time in the signature dictionary's {@code /M}), written as an incremental update so
 * the sealed bytes start with the original ones. {@link #verify} reads every signature back.
 *
 * <p>Not done here: a time-stamp token and long-term validation data (PAdES-B-T and above).
 *
 * @see io.branchlink.prefill.seal.PdfSealTests
 */
public final class PdfSeal {

    private final SealCredentials credentials;

    public PdfSeal(SealCredentials credentials) {
        this.credentials = Objects.requireNonNull(credentials, "credentials");
    }

    /** The certificate a relying party checks the seal against. */
    public X509Certificate certificate() {
        return credentials.certificate();
    }

    /**
     * Seals a PDF.
     *
     * @param pdf the document to seal
     * @param reason why it is sealed, shown by PDF readers ({@code Loan contract LC-…})
     * @param location where, shown likewise
     * @param signedAt the signing time written to {@code /M}
     * @return the sealed document: the original bytes followed by the signature's incremental update
     */
    public byte[] seal(byte[] pdf, String reason, String location, Instant signedAt) {
        try (PDDocument document = Loader.loadPDF(pdf);
             SignatureOptions options = new SignatureOptions()) {
            PDSignature signature = new PDSignature();
            signature.setFilter(PDSignature.FILTER_ADOBE_PPKLITE);
            signature.setSubFilter(PDSignature.SUBFILTER_ETSI_CADES_DETACHED);
            signature.setName(credentials.certificate().getSubjectX500Principal().getName());
            signature.setReason(reason);
            signature.setLocation(location);
            signature.setSignDate(GregorianCalendar.from(signedAt.atZone(ZoneOffset.UTC)));
            options.setPreferredSignatureSize(SignatureOptions.DEFAULT_SIGNATURE_SIZE * 2);
            document.addSignature(signature, content -> cms(content.readAllBytes()), options);
            ByteArrayOutputStream out = new ByteArrayOutputStream(
                    pdf.length + 2 * SignatureOptions.DEFAULT_SIGNATURE_SIZE + 4096);
            document.saveIncremental(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot seal the document", e);
        }
    }

    /** The detached CMS SignedData over the bytes the signature's byte range covers. */
    private byte[] cms(byte[] content) throws IOException {
        try {
            X509Certificate certificate = credentials.certificate();
            Attribute signingCertificate = new Attribute(PKCSObjectIdentifiers.id_aa_signingCertificateV2,
                    new DERSet(new SigningCertificateV2(new ESSCertIDv2[] {essCertId(certificate)})));
            ASN1EncodableVector extra = new ASN1EncodableVector();
            extra.add(signingCertificate);
            DefaultSignedAttributeTableGenerator defaults = new DefaultSignedAttributeTableGenerator(
                    new AttributeTable(extra));
            CMSAttributeTableGenerator withoutSigningTime = parameters -> defaults.getAttributes(parameters)
                    .remove(CMSAttributes.signingTime);
            CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
            generator.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(
                    new JcaDigestCalculatorProviderBuilder().build())
                    .setSignedAttributeGenerator(withoutSigningTime)
                    .build(new JcaContentSignerBuilder(credentials.signatureAlgorithm()).build(credentials.key()),
                            certificate));
            generator.addCertificates(new JcaCertStore(credentials.chain()));
            return generator.generate(new CMSProcessableByteArray(content), false).getEncoded();
        } catch (CMSException | OperatorCreationException | GeneralSecurityException e) {
            throw new IOException("cannot build the seal's CMS signature", e);
        }
    }

    private static ESSCertIDv2 essCertId(X509Certificate certificate) throws GeneralSecurityException {
        byte[] hash = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
        IssuerSerial issuer = new IssuerSerial(new GeneralNames(new GeneralName(
                X500Name.getInstance(certificate.getIssuerX500Principal().getEncoded()))),
                certificate.getSerialNumber());
        return new ESSCertIDv2(new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256), hash, issuer);
    }

    /**
     * Every signature of a PDF, each checked: the CMS signature over its byte range, whether that range covers the
     * whole file, and whether the signing-certificate-v2 attribute names the certificate that signed. Whether the
     * certificate is the bank's is for the caller to compare ({@link Verification#certificate()}).
     */
    public static List<Verification> verify(byte[] pdf) {
        List<Verification> found = new ArrayList<>();
        try (PDDocument document = Loader.loadPDF(pdf)) {
            for (PDSignature signature : document.getSignatureDictionaries()) {
                found.add(check(signature, pdf));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the document's signatures", e);
        }
        return found;
    }

    /** One signature; whatever cannot be read in it makes it not intact rather than failing the whole answer. */
    private static Verification check(PDSignature signature, byte[] pdf) {
        Calendar date = null;
        try {
            date = signature.getSignDate();
        } catch (RuntimeException e) {
            // an unreadable /M: the signature dictionary was changed, which the CMS check below reports
        }
        Instant signedAt = date == null ? null : date.toInstant();
        int[] range = signature.getByteRange();
        if (range == null || range.length != 4 || range[0] != 0 || range[1] < 0 || range[2] < range[1]
                || range[3] < 0 || (long) range[2] + range[3] > pdf.length) {
            return new Verification(signature.getSubFilter(), null, false, false, false, signedAt);
        }
        boolean whole = (long) range[2] + range[3] == pdf.length;
        try {
            byte[] contents = signature.getContents();
            if (!canonicalContents(pdf, range[1], range[2], contents)) {
                return new Verification(signature.getSubFilter(), null, false, whole, false, signedAt);
            }
            return check(signature, signature.getSignedContent(pdf), contents, whole, signedAt);
        } catch (IOException | RuntimeException e) {
            return new Verification(signature.getSubFilter(), null, false, whole, false, signedAt);
        }
    }

    /**
     * The bytes between the two signed ranges are exactly {@code <}, the upper-case hex of {@code /Contents} and
     * {@code >}, and {@code /Contents} is one DER object followed by zero padding only. The gap is the one part of
     * the file the CMS signature cannot cover; without this check a changed padding digit, a case change of a hex
     * digit or a space slipped in would leave the seal "valid".
     */
    private static boolean canonicalContents(byte[] pdf, int from, int to, byte[] contents) throws IOException {
        byte[] expected = ("<" + HexFormat.of().withUpperCase().formatHex(contents) + ">")
                .getBytes(StandardCharsets.US_ASCII);
        if (to - from != expected.length || !Arrays.equals(pdf, from, to, expected, 0, expected.length)) {
            return false;
        }
        ByteArrayInputStream bytes = new ByteArrayInputStream(contents);
        try (ASN1InputStream in = new ASN1InputStream(bytes)) {
            if (in.readObject() == null) {
                return false;
            }
        }
        for (int i = contents.length - bytes.available(); i < contents.length; i++) {
            if (contents[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static Verification check(PDSignature signature, byte[] signed, byte[] contents, boolean whole,
            Instant signedAt) throws IOException {
        ContentInfo info;
        // /Contents is zero-padded to its reserved size: read the first DER object only (Bouncy Castle 1.87 refuses
        // trailing bytes)
        ByteArrayInputStream bytes = new ByteArrayInputStream(contents);
        try (ASN1InputStream in = new ASN1InputStream(bytes)) {
            info = ContentInfo.getInstance(in.readObject());
        }
        byte[] der = Arrays.copyOf(contents, contents.length - bytes.available());
        try {
            CMSSignedData cms = new CMSSignedData(new CMSProcessableByteArray(signed), info);
            Collection<SignerInformation> signers = cms.getSignerInfos().getSigners();
            if (signers.size() != 1) {
                return new Verification(signature.getSubFilter(), null, false, whole, false, signedAt);
            }
            SignerInformation signer = signers.iterator().next();
            @SuppressWarnings("unchecked")
            Collection<X509CertificateHolder> matches = cms.getCertificates().getMatches(signer.getSID());
            if (matches.isEmpty()) {
                return new Verification(signature.getSubFilter(), null, false, whole, false, signedAt);
            }
            X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(matches.iterator().next());
            boolean intact;
            try {
                intact = signer.verify(new JcaSimpleSignerInfoVerifierBuilder().build(certificate))
                        && envelopeAsSealed(info, der, signer, cms);
            } catch (CMSException e) {
                intact = false;
            }
            return new Verification(signature.getSubFilter(), certificate, intact, whole,
                    namesCertificate(signer, certificate), signedAt);
        } catch (CMSException | OperatorCreationException | GeneralSecurityException e) {
            return new Verification(signature.getSubFilter(), null, false, whole, false, signedAt);
        }
    }

    /**
     * The parts of the CMS SignedData that its signature does not cover are exactly as {@link #seal} writes them:
     * encoded as read (no other encoding of the same values), version 1, the one digest algorithm the signer used, detached {@code id-data} content, no CRLs,
     * one signer of version 1 without unsigned attributes, and only certificates that verify under a certificate of
     * the set (their issuer, or themselves for a root). A change to any of these bytes would otherwise leave the
     * signature verifying.
     */
    private static boolean envelopeAsSealed(ContentInfo info, byte[] der, SignerInformation signer,
            CMSSignedData cms) {
        try {
            if (!CMSObjectIdentifiers.signedData.equals(info.getContentType())
                    || !Arrays.equals(info.toASN1Primitive().getEncoded(), der)) {
                return false;
            }
            SignedData data = SignedData.getInstance(info.getContent());
            ASN1Set digests = data.getDigestAlgorithms();
            ContentInfo content = data.getEncapContentInfo();
            if (data.getVersion().intValueExact() != 1 || digests.size() != 1
                    || !AlgorithmIdentifier.getInstance(digests.getObjectAt(0)).equals(signer.getDigestAlgorithmID())
                    || !CMSObjectIdentifiers.data.equals(content.getContentType()) || content.getContent() != null
                    || data.getCRLs() != null || signer.getVersion() != 1 || signer.getUnsignedAttributes() != null) {
                return false;
            }
            @SuppressWarnings("unchecked")
            Collection<X509CertificateHolder> certificates = cms.getCertificates().getMatches(null);
            JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
            List<X509Certificate> set = new ArrayList<>();
            for (X509CertificateHolder holder : certificates) {
                set.add(converter.getCertificate(holder));
            }
            for (X509Certificate certificate : set) {
                if (set.stream().noneMatch(issuer -> signedBy(certificate, issuer))) {
                    return false;
                }
            }
            return true;
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    private static boolean signedBy(X509Certificate certificate, X509Certificate issuer) {
        try {
            certificate.verify(issuer.getPublicKey());
            return true;
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    private static boolean namesCertificate(SignerInformation signer, X509Certificate certificate)
            throws CertificateEncodingException, GeneralSecurityException {
        Attribute attribute = signer.getSignedAttributes() == null ? null
                : signer.getSignedAttributes().get(PKCSObjectIdentifiers.id_aa_signingCertificateV2);
        if (attribute == null) {
            return false;
        }
        ASN1Encodable value = attribute.getAttrValues().getObjectAt(0);
        ESSCertIDv2[] ids = SigningCertificateV2.getInstance(value).getCerts();
        byte[] hash = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
        return ids.length > 0 && MessageDigest.isEqual(ids[0].getCertHash(), hash);
    }

    /**
     * One signature of a PDF as read back.
     *
     * @param subFilter the signature's sub-filter ({@code ETSI.CAdES.detached} for a seal of this class)
     * @param certificate the certificate that signed, or null when the CMS names none it carries
     * @param intact the CMS signature verifies over the signed byte range with that certificate, the CMS parts its
     *     signature does not cover are as a seal writes them, and the bytes outside the range are exactly the
     *     signature's {@code /Contents} as written (upper-case hex, zero padding)
     * @param coversWholeDocument the byte range covers the whole file, so nothing was appended after sealing
     * @param namesSigningCertificate the signed signing-certificate-v2 attribute holds that certificate's SHA-256
     * @param signedAt the signature dictionary's {@code /M}, or null
     */
    public record Verification(String subFilter, X509Certificate certificate, boolean intact,
            boolean coversWholeDocument, boolean namesSigningCertificate, Instant signedAt) {

        /** Intact, over the whole document, and naming its certificate. */
        public boolean valid() {
            return intact && coversWholeDocument && namesSigningCertificate;
        }
    }
}
