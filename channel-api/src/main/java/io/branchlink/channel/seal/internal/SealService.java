package io.branchlink.channel.seal.internal;

import io.branchlink.channel.seal.BankSeal;
import io.branchlink.channel.seal.SealVerification;
import io.branchlink.channel.seal.SealVerification.Verdict;
import io.branchlink.channel.system.ApiException;
import io.branchlink.prefill.seal.PdfSeal;
import io.branchlink.prefill.seal.SealConsent;
import io.branchlink.protocol.rc.Irc;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Seals with the active key and verifies against every key of the ring. A document is {@link Verdict#SEALED} only
 * when a signature of one of the bank's keys verifies over the whole file (the unsigned {@code /Contents} gap
 * included, see {@link PdfSeal#verify}) and was made while that key was active; a seal of a retired key made before
 * its retirement stays valid and says the key is retired.
 *
 * @see io.branchlink.channel.seal.internal.SealTamperingTests
 */
@Service
class SealService implements BankSeal {

    private static final Logger log = LoggerFactory.getLogger(SealService.class);
    private static final byte[] PDF_HEADER = "%PDF-".getBytes(StandardCharsets.US_ASCII);

    private final SealKeyRing ring;
    private final MeterRegistry meters;

    SealService(SealKeyRing ring, MeterRegistry meters) {
        this.ring = ring;
        this.meters = meters;
    }

    @Override
    public Sealed seal(byte[] pdf, String reason, String location, Map<String, String> consent, Instant at) {
        byte[] sealed = ring.seal(SealConsent.embed(pdf, consent), reason, location, at);
        meters.counter("branchlink.seal.sealed", "key", ring.activeKeyId()).increment();
        return new Sealed(sealed, ring.activeKeyId());
    }

    @Override
    public SealVerification verify(byte[] pdf) {
        if (pdf.length < PDF_HEADER.length || !Arrays.equals(pdf, 0, PDF_HEADER.length, PDF_HEADER, 0,
                PDF_HEADER.length)) {
            throw refused("NOT_A_PDF", "This is not a PDF document.");
        }
        Map<String, String> consent;
        List<PdfSeal.Verification> seals;
        try (PDDocument document = Loader.loadPDF(pdf)) {
            consent = SealConsent.read(document);
            seals = PdfSeal.verify(pdf);
        } catch (IOException | RuntimeException e) {
            throw refused("PDF_UNREADABLE", "This PDF cannot be read, so its seal cannot be checked.");
        }
        SealVerification verification = judge(seals, consent);
        meters.counter("branchlink.seal.verifications", "verdict", verification.verdict().name()).increment();
        log.info("seal verified verdict={} key={} signedAt={} bytes={}", verification.verdict(),
                verification.keyId() == null ? "-" : verification.keyId(), verification.signedAt(), pdf.length);
        return verification;
    }

    private SealVerification judge(List<PdfSeal.Verification> seals, Map<String, String> consent) {
        if (seals.isEmpty()) {
            return new SealVerification(false, Verdict.NOT_SEALED, null, false, null, null, null, false, Map.of());
        }
        PdfSeal.Verification seal = seals.stream().filter(s -> ring.identify(s.certificate()).isPresent())
                .findFirst().orElse(seals.get(0));
        Optional<SealKeyRing.Key> key = ring.identify(seal.certificate());
        boolean changed = !seal.valid();
        Verdict verdict;
        if (changed) {
            verdict = Verdict.CHANGED;
        } else if (key.isEmpty()) {
            verdict = Verdict.UNKNOWN_KEY;
        } else if (!key.get().sealedWhileActive(seal.signedAt())) {
            verdict = Verdict.SEALED_AFTER_RETIREMENT;
        } else {
            verdict = Verdict.SEALED;
        }
        boolean valid = verdict == Verdict.SEALED;
        return new SealVerification(valid, verdict, key.map(SealKeyRing.Key::id).orElse(null),
                key.map(k -> k.retiredAt() != null).orElse(false),
                seal.certificate() == null ? null : seal.certificate().getSubjectX500Principal().getName(),
                seal.certificate() == null ? null : seal.certificate().getSerialNumber().toString(16),
                seal.signedAt(), changed, valid ? consent : Map.of());
    }

    private ApiException refused(String code, String detail) {
        meters.counter("branchlink.seal.refusals", "code", code).increment();
        log.info("seal verification refused code={}", code);
        ApiException problem = new ApiException(Irc.FORMAT_ERROR, detail);
        problem.getBody().setProperty("code", code);
        return problem;
    }
}
