package io.branchlink.prefill.seal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.branchlink.prefill.voucher.TextDocument;
import io.branchlink.prefill.voucher.VoucherFont;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

class SealConsentTests {

    private static final Instant NOW = Instant.parse("2026-03-02T08:15:30Z");

    @Test
    void writesTheConsentAsDocumentInformationAndAVisibleLineThatTheSealCovers() throws IOException {
        Map<String, String> consent = new LinkedHashMap<>();
        consent.put("method", "SOFT_OTP");
        consent.put("stepUpId", "su-123");
        consent.put("verifiedAt", "2026-03-02T08:15:00Z");
        byte[] pdf = SealConsent.embed(document(), consent);
        byte[] sealed = new PdfSeal(SealCredentials.selfSigned("Seal", NOW, Duration.ofDays(1)))
                .seal(pdf, "test", "Shanghai", NOW);

        try (PDDocument read = Loader.loadPDF(sealed)) {
            assertThat(SealConsent.read(read)).containsExactlyEntriesOf(consent);
            assertThat(new PDFTextStripper().getText(read))
                    .contains("Consent (sealed): method=SOFT_OTP stepUpId=su-123 verifiedAt=2026-03-02T08:15:00Z",
                            "Credit limit");
        }
        assertThat(PdfSeal.verify(sealed)).singleElement().extracting(PdfSeal.Verification::valid).isEqualTo(true);
    }

    @Test
    void aDocumentWithoutConsentReadsEmpty() throws IOException {
        try (PDDocument read = Loader.loadPDF(document())) {
            assertThat(SealConsent.read(read)).isEmpty();
        }
    }

    @Test
    void refusesFieldsOutsideTheAlphabets() {
        assertThatThrownBy(() -> SealConsent.embed(document(), Map.of("step up", "x")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("field name");
        assertThatThrownBy(() -> SealConsent.embed(document(), Map.of("method", "短信")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("printable ASCII");
        assertThatThrownBy(() -> SealConsent.embed(document(), Map.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void wrapsLongConsentsOverSeveralLines() {
        Map<String, String> consent = new LinkedHashMap<>();
        for (int i = 0; i < 6; i++) {
            consent.put("field" + i, "x".repeat(40));
        }
        assertThat(SealConsent.lines(consent)).hasSizeGreaterThan(1)
                .allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(140 + 50));
    }

    private static byte[] document() {
        return TextDocument.builder("Loan contract LC-1", NOW)
                .row("授信额度 / Credit limit", "50,000.00 CNY")
                .build()
                .render(VoucherFont.require());
    }
}
