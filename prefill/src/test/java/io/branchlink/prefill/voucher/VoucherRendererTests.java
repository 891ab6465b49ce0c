package io.branchlink.prefill.voucher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.branchlink.prefill.catalog.FormCatalog;
import io.branchlink.prefill.catalog.Label;
import io.branchlink.protocol.qr.QrImages;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class VoucherRendererTests {

    private static final FormCatalog CATALOG = FormCatalog.load();
    private static final Label BANK = new Label("华夏示范银行", "Huaxia Demo Bank");
    private static final Label BRANCH = new Label("上海陆家嘴支行", "Shanghai Lujiazui Branch");
    private static final Instant SUBMITTED = Instant.parse("2026-11-25T01:58:00Z");
    private static final Instant CONFIRMED = Instant.parse("2026-11-25T02:15:30Z");

    static Voucher timeDeposit(String amount) {
        Map<String, String> values = new HashMap<>(Map.of("customerName", "王小明",
                "idNumber", "11010519491231002X", "sourceAccount", "6222020200112233445", "currency", "CNY",
                "amount", amount, "term", "Y1", "autoRenew", "YES"));
        return new Voucher("VCH-20261125-000123", BANK, "0101", BRANCH, CATALOG.get("TIME_DEPOSIT_OPENING"), values,
                "C-1001", "王小明", "T0042", SUBMITTED, CONFIRMED);
    }

    static Voucher cardLoss() {
        Map<String, String> values = Map.of("customerName", "欧阳娜娜", "idNumber", "310115198501010012",
                "mobile", "13812345678", "cardNumber", "6222020200112233446", "lossKind", "FORMAL",
                "lostOn", "2026-11-24", "replace", "YES");
        return new Voucher("VCH-20261125-000124", BANK, "0101", BRANCH, CATALOG.get("CARD_LOSS_REPLACEMENT"), values,
                "C-2002", "欧阳娜娜", "T0042", SUBMITTED, CONFIRMED);
    }

    @Nested
    class ContentHash {

        @Test
        void isTheSha256OfTheCanonicalContent() {
            String canonical = VoucherContent.canonical(timeDeposit("20000.00"));
            assertThat(canonical).startsWith("branchlink-voucher/1\nreference=VCH-20261125-000123\n")
                    .contains("customer.name=王小明\n", "submittedAt=2026-11-25T01:58:00Z\n",
                            "field.amount=20000.00\n", "field.term=Y1\n");
            assertThat(VoucherContent.sha256(timeDeposit("20000.00"))).hasSize(64).matches("[0-9a-f]{64}")
                    .isEqualTo(VoucherContent.sha256(timeDeposit("20000.00")));
        }

        @Test
        void changesWhenAValueChanges() {
            assertThat(VoucherContent.sha256(timeDeposit("20000.01")))
                    .isNotEqualTo(VoucherContent.sha256(timeDeposit("20000.00")));
        }

        @Test
        void escapesLineBreaksSoAValueCannotForgeALine() {
            Map<String, String> values = new HashMap<>(timeDeposit("1.00").values());
            values.put("customerName", "王\nfield.amount=9");
            Voucher voucher = new Voucher("R", BANK, "0101", BRANCH, CATALOG.get("TIME_DEPOSIT_OPENING"), values,
                    "C", "王", "T", SUBMITTED, CONFIRMED);
            assertThat(VoucherContent.canonical(voucher)).contains("field.customerName=王\\nfield.amount=9\n");
        }
    }

    @Nested
    class Pdf {

        private VoucherRenderer renderer;

        @BeforeEach
        void findFont() {
            Optional<VoucherFont> font = VoucherFont.locate();
            assumeThat(font).as("no CJK TrueType font: install the Debian package " + VoucherFont.DEBIAN_PACKAGE
                    + " (apt-get install " + VoucherFont.DEBIAN_PACKAGE + ") or set -D" + VoucherFont.PROPERTY)
                    .isPresent();
            renderer = new VoucherRenderer(font.orElseThrow(), ZoneId.of("Asia/Shanghai"));
        }

        @Test
        void printsATimeDepositInChineseAndEnglish() throws IOException {
            RenderedVoucher rendered = renderer.render(timeDeposit("20000.00"));
            String text = text(rendered.pdf());
            assertThat(text).contains("华夏示范银行", "Huaxia Demo Bank", "上海陆家嘴支行", "Shanghai Lujiazui Branch",
                    "定期存款开户", "Time deposit opening",
                    "客户姓名 / Customer name", "王小明", "身份证号码 / Resident ID number", "11010519491231002X",
                    "存入金额 / Amount", "20000.00 CNY", "存期 / Term", "一年 1 year (Y1)",
                    "柜员号 / Teller id", "T0042", "2026-11-25 10:15:30 +08:00",
                    "VCH-20261125-000123", rendered.contentHash());
            assertThat(rendered.contentHash()).isEqualTo(VoucherContent.sha256(timeDeposit("20000.00")));
        }

        @Test
        void printsACardLossReport() throws IOException {
            RenderedVoucher rendered = renderer.render(cardLoss());
            assertThat(text(rendered.pdf())).contains("挂失及补卡", "Card loss report and replacement", "欧阳娜娜",
                    "挂失类型 / Loss report", "正式挂失 Formal (FORMAL)", "遗失日期 / Lost on", "2026-11-24",
                    "13812345678", "VCH-20261125-000124", rendered.contentHash());
        }

        @Test
        void isOnePageWithTheCjkFontEmbeddedAsASubset() throws IOException {
            try (PDDocument document = Loader.loadPDF(renderer.render(cardLoss()).pdf())) {
                assertThat(document.getNumberOfPages()).isEqualTo(1);
                PDFont font = document.getPage(0).getResources().getFont(
                        document.getPage(0).getResources().getFontNames().iterator().next());
                assertThat(font.isEmbedded()).isTrue();
                assertThat(font.getName()).matches("[A-Z]{6}\\+.*");
            }
        }

        @Test
        void carriesAQrCodeOfTheReference() throws IOException {
            try (PDDocument document = Loader.loadPDF(renderer.render(timeDeposit("20000.00")).pdf())) {
                BufferedImage page = new PDFRenderer(document).renderImageWithDPI(0, 150);
                assertThat(QrImages.decode(page)).contains("VCH-20261125-000123");
            }
        }

        @Test
        void printsADifferentHashWhenAValueChanges() throws IOException {
            RenderedVoucher before = renderer.render(timeDeposit("20000.00"));
            RenderedVoucher after = renderer.render(timeDeposit("25000.00"));
            assertThat(after.contentHash()).isNotEqualTo(before.contentHash());
            assertThat(text(after.pdf())).contains(after.contentHash()).doesNotContain(before.contentHash());
        }

        private static String text(byte[] pdf) throws IOException {
            try (PDDocument document = Loader.loadPDF(pdf)) {
                return new PDFTextStripper().getText(document);
            }
        }
    }
}
