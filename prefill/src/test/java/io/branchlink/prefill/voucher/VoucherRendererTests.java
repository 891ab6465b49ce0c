package io.branchlink.prefill.voucher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import io.branchlink.prefill.catalog.FormCatalog;
import io.branchlink.prefill.catalog.Label;
import io.branchlink.protocol.qr.QrImages;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

        private final VoucherRenderer renderer =
                new VoucherRenderer(VoucherFont.require(), ZoneId.of("Asia/Shanghai"));

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
                PDResources resources = document.getPage(0).getResources();
                List<PDFont> fonts = new ArrayList<>();
                for (COSName name : resources.getFontNames()) {
                    fonts.add(resources.getFont(name));
                }
                assertThat(fonts).singleElement().satisfies(font -> {
                    assertThat(font.isEmbedded()).isTrue();
                    assertThat(font.getName()).matches("[A-Z]{6}\\+NotoSansSC-Regular");
                });
            }
        }

        @Test
        void staysSmallEnoughForAnMqttPayload() {
            byte[] pdf = renderer.render(timeDeposit("20000.00")).pdf();
            // The font is about 10 MB; the subset of the few hundred glyphs a voucher uses is a few tens of KB.
            assertThat(pdf.length).isLessThan(150 * 1024);
            assertThat(Base64.getEncoder().encode(pdf).length).isLessThan(256 * 1024);
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

        @Test
        void rendersOnSeveralThreadsAtOnce() throws Exception {
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<RenderedVoucher>> results = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    Voucher voucher = i % 2 == 0 ? cardLoss() : timeDeposit("1000.00");
                    results.add(pool.submit(() -> renderer.render(voucher)));
                }
                for (int i = 0; i < results.size(); i++) {
                    assertThat(text(results.get(i).get(30, TimeUnit.SECONDS).pdf()))
                            .contains(i % 2 == 0 ? "欧阳娜娜" : "王小明");
                }
            } finally {
                pool.shutdownNow();
            }
        }

    }

    @Nested
    class Font {

        @Test
        void isBundledWithItsLicence() throws IOException {
            VoucherFont font = VoucherFont.bundled();
            assertThat(font.source()).isEqualTo("classpath:" + VoucherFont.RESOURCE);
            assertThat(font.size()).isGreaterThan(5_000_000);
            try (InputStream licence = VoucherFont.class.getResourceAsStream(VoucherFont.LICENCE_RESOURCE)) {
                assertThat(licence).isNotNull();
                assertThat(new String(licence.readAllBytes(), StandardCharsets.UTF_8))
                        .contains("SIL OPEN FONT LICENSE Version 1.1");
            }
        }

        @Test
        void isReadOncePerJvm() {
            assertThat(VoucherFont.require()).isSameAs(VoucherFont.require()).isSameAs(VoucherFont.bundled());
        }

        @Test
        void canBeReplacedByAFileNamedInTheSystemProperty(@TempDir Path dir) throws IOException {
            Path file = copyOfBundled(dir);
            String before = System.getProperty(VoucherFont.PROPERTY);
            System.setProperty(VoucherFont.PROPERTY, file.toString());
            try {
                VoucherFont font = VoucherFont.require();
                assertThat(font.source()).isEqualTo(file.toString());
                RenderedVoucher rendered = new VoucherRenderer(font, ZoneId.of("Asia/Shanghai")).render(cardLoss());
                assertThat(text(rendered.pdf())).contains("挂失及补卡");
            } finally {
                restore(before);
            }
        }

        @Test
        void rendersTheSameBytesWithAParsedFontThatServedAnotherVoucher(@TempDir Path dir) throws IOException {
            VoucherFont fresh = VoucherFont.fromFile(copyOfBundled(dir));
            VoucherRenderer renderer = new VoucherRenderer(fresh, ZoneId.of("Asia/Shanghai"));
            byte[] first = renderer.render(cardLoss()).pdf();
            renderer.render(timeDeposit("20000.00"));
            byte[] again = renderer.render(cardLoss()).pdf();
            // Only the document /ID, made from the time of saving, may differ.
            assertThat(again).hasSameSizeAs(first);
            assertThat(embeddedFontFile(again)).isEqualTo(embeddedFontFile(first));
            assertThat(text(again)).isEqualTo(text(first));
        }

        private static String embeddedFontFile(byte[] pdf) throws IOException {
            try (PDDocument document = Loader.loadPDF(pdf)) {
                PDResources resources = document.getPage(0).getResources();
                PDType0Font font = (PDType0Font) resources.getFont(resources.getFontNames().iterator().next());
                byte[] subset = font.getDescendantFont().getFontDescriptor().getFontFile2().toByteArray();
                return font.getName() + " " + subset.length + " " + HexFormat.of().formatHex(sha256(subset));
            }
        }

        private static byte[] sha256(byte[] bytes) {
            try {
                return MessageDigest.getInstance("SHA-256").digest(bytes);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        @Test
        void refusesAFileThatIsNotAFont(@TempDir Path dir) throws IOException {
            Path file = Files.writeString(dir.resolve("not-a-font.ttf"), "not a font");
            assertThatIllegalStateException().isThrownBy(() -> VoucherFont.fromFile(file))
                    .withMessageContaining("not-a-font.ttf").withMessageContaining(VoucherFont.PROPERTY);
            assertThatIllegalStateException().isThrownBy(() -> VoucherFont.fromFile(dir.resolve("missing.ttf")))
                    .withMessageContaining("missing.ttf");
        }

        private static Path copyOfBundled(Path dir) throws IOException {
            Path file = dir.resolve("other.ttf");
            try (InputStream bundled = VoucherFont.class.getResourceAsStream(VoucherFont.RESOURCE)) {
                Files.copy(bundled, file);
            }
            return file;
        }

        private static void restore(String value) {
            if (value == null) {
                System.clearProperty(VoucherFont.PROPERTY);
            } else {
                System.setProperty(VoucherFont.PROPERTY, value);
            }
        }
    }

    private static String text(byte[] pdf) throws IOException {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(document);
        }
    }
}
