package io.branchlink.prefill.voucher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Instant;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

class TextDocumentTests {

    @Test
    void rendersChineseAndEnglishTextThatCanBeReadBack() throws IOException {
        TextDocument.Builder builder = TextDocument.builder("Contract LC-42", Instant.parse("2026-01-15T02:00:00Z"))
                .heading("个人信用贷款合同", 15)
                .paragraph("借款人同意按本合同约定的利率和还款计划按期还款。 The borrower repays each instalment on its due"
                        + " date from the repayment account; an unpaid instalment bears penalty interest.")
                .row("年利率 / Annual rate", "7.20%")
                .tableRow(true, "期次 No.", "还款日 Due", "本金 Principal");
        for (int i = 1; i <= 80; i++) {
            builder.tableRow(false, Integer.toString(i), "2026-02-15", "1,000.00");
        }

        byte[] pdf = builder.build().render(VoucherFont.require());

        try (PDDocument document = Loader.loadPDF(pdf)) {
            String text = new PDFTextStripper().getText(document);
            assertThat(text).contains("个人信用贷款合同", "年利率 / Annual rate", "7.20%", "penalty interest");
            assertThat(document.getNumberOfPages()).as("80 table rows do not fit one page").isGreaterThan(1);
            assertThat(document.getDocumentInformation().getTitle()).isEqualTo("Contract LC-42");
        }
    }
}
