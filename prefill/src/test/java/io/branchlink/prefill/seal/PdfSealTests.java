package io.branchlink.prefill.seal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.branchlink.prefill.voucher.TextDocument;
import io.branchlink.prefill.voucher.VoucherFont;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdfwriter.compress.CompressParameters;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PdfSealTests {

    private static final Instant NOW = Instant.parse("2026-03-02T08:15:30Z");
    private static final SealCredentials BANK = SealCredentials.selfSigned("BranchLink Test Seal", NOW,
            Duration.ofDays(30));

    @Test
    void sealedDocumentVerifiesWithTheBanksCertificateOverTheWholeFile() throws IOException {
        byte[] pdf = contract();
        byte[] sealed = new PdfSeal(BANK).seal(pdf, "Loan contract LC-1", "Shanghai", NOW);

        List<PdfSeal.Verification> seals = PdfSeal.verify(sealed);

        assertThat(seals).singleElement().satisfies(seal -> {
            assertThat(seal.valid()).isTrue();
            assertThat(seal.intact()).isTrue();
            assertThat(seal.coversWholeDocument()).isTrue();
            assertThat(seal.namesSigningCertificate()).isTrue();
            assertThat(seal.subFilter()).isEqualTo("ETSI.CAdES.detached");
            assertThat(seal.certificate()).isEqualTo(BANK.certificate());
            assertThat(seal.signedAt()).isEqualTo(NOW);
        });
        // an incremental update: the original bytes come first, and the text is still there
        assertThat(Arrays.copyOf(sealed, pdf.length)).isEqualTo(pdf);
        try (PDDocument document = Loader.loadPDF(sealed)) {
            assertThat(new PDFTextStripper().getText(document)).contains("个人信用贷款合同", "Credit limit");
        }
    }

    @Test
    void aChangedByteInsideTheSignedRangeBreaksTheSeal() throws IOException {
        byte[] sealed = new PdfSeal(BANK).seal(uncompressed("Contract-AAAA"), "test", "Shanghai", NOW);
        byte[] marker = "Contract-AAAA".getBytes(StandardCharsets.US_ASCII);
        int at = indexOf(sealed, marker);
        assertThat(at).isPositive();
        byte[] tampered = sealed.clone();
        tampered[at + marker.length - 1] = 'B';

        assertThat(PdfSeal.verify(tampered)).singleElement().satisfies(seal -> {
            assertThat(seal.intact()).isFalse();
            assertThat(seal.valid()).isFalse();
        });
    }

    @Test
    void aChangedByteInTheUnsignedContentsGapBreaksTheSeal() throws IOException {
        byte[] sealed = new PdfSeal(BANK).seal(uncompressed("Contract-DDDD"), "test", "Shanghai", NOW);
        int open = indexOf(sealed, "/Contents <".getBytes(StandardCharsets.US_ASCII)) + "/Contents ".length();
        int close = open;
        while (sealed[close] != '>') {
            close++;
        }
        // a padding digit, a hex digit's case, a space in the padding: none is covered by the CMS signature itself
        int padding = close - 4;
        int firstLetter = open + 1;
        while (!Character.isLetter(sealed[firstLetter])) {
            firstLetter++;
        }
        for (int[] change : new int[][] {{padding, '1'}, {padding, ' '}, {firstLetter, sealed[firstLetter] ^ 0x20}}) {
            byte[] tampered = sealed.clone();
            tampered[change[0]] = (byte) change[1];
            assertThat(PdfSeal.verify(tampered)).singleElement()
                    .satisfies(seal -> assertThat(seal.valid()).isFalse());
        }
    }

    @Test
    void bytesAppendedAfterSealingAreNotCovered() throws IOException {
        byte[] sealed = new PdfSeal(BANK).seal(uncompressed("Contract-CCCC"), "test", "Shanghai", NOW);
        byte[] appended = Arrays.copyOf(sealed, sealed.length + 9);
        System.arraycopy("\n%extra\n".getBytes(StandardCharsets.US_ASCII), 0, appended, sealed.length, 8);

        assertThat(PdfSeal.verify(appended)).singleElement().satisfies(seal -> {
            assertThat(seal.intact()).isTrue();
            assertThat(seal.coversWholeDocument()).isFalse();
            assertThat(seal.valid()).isFalse();
        });
    }

    @Test
    void anotherKeysSealIsIntactButNotTheBanks() throws IOException {
        SealCredentials other = SealCredentials.selfSigned("Someone Else", NOW, Duration.ofDays(1));
        byte[] sealed = new PdfSeal(other).seal(contract(), "test", "Shanghai", NOW);

        assertThat(PdfSeal.verify(sealed)).singleElement().satisfies(seal -> {
            assertThat(seal.valid()).isTrue();
            assertThat(seal.certificate()).isNotEqualTo(BANK.certificate());
        });
    }

    @Test
    void anUnsealedDocumentHasNoSeals() throws IOException {
        assertThat(PdfSeal.verify(contract())).isEmpty();
    }

    @Test
    void readsTheSealKeyFromAPkcs12KeyStore(@TempDir Path directory) throws Exception {
        Path file = directory.resolve("seal.p12");
        char[] password = "store-pass".toCharArray();
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("bank-seal", BANK.key(), password, BANK.chain().toArray(new Certificate[0]));
        try (var out = Files.newOutputStream(file)) {
            store.store(out, password);
        }

        SealCredentials loaded = SealCredentials.fromKeyStore(file, password, "bank-seal");

        assertThat(loaded.certificate()).isEqualTo(BANK.certificate());
        byte[] sealed = new PdfSeal(loaded).seal(contract(), "test", "Shanghai", NOW);
        assertThat(PdfSeal.verify(sealed)).singleElement().extracting(PdfSeal.Verification::valid).isEqualTo(true);
        assertThatThrownBy(() -> SealCredentials.fromKeyStore(file, password, "no-such-alias"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("no key entry no-such-alias");
    }

    private static byte[] contract() {
        return TextDocument.builder("Loan contract LC-1", NOW)
                .heading("个人信用贷款合同 Personal credit loan contract", 15)
                .row("授信额度 / Credit limit", "50,000.00 CNY")
                .build()
                .render(VoucherFont.require());
    }

    /** A one-page PDF whose title stays a plain string in the file, to change one byte of it. */
    private static byte[] uncompressed(String title) throws IOException {
        try (PDDocument document = new PDDocument()) {
            document.addPage(new PDPage());
            document.getDocumentInformation().setTitle(title);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.save(out, CompressParameters.NO_COMPRESSION);
            return out.toByteArray();
        }
    }

    private static int indexOf(byte[] data, byte[] marker) {
        outer:
        for (int i = 0; i <= data.length - marker.length; i++) {
            for (int j = 0; j < marker.length; j++) {
                if (data[i + j] != marker[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
