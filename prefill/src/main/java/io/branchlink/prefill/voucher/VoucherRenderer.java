package io.branchlink.prefill.voucher;

import io.branchlink.prefill.catalog.FieldDefinition;
import io.branchlink.prefill.catalog.FieldRules;
import io.branchlink.protocol.qr.QrImages;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.GregorianCalendar;
import java.util.List;
import java.util.Objects;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;

/**
 * Renders a confirmed counter business as a one-page A4 PDF voucher with PDFBox: bank and branch, business type,
 * every field with its Chinese and English label, customer, teller, timestamps, a QR code of the reference and the
 * SHA-256 of the canonical content ({@link VoucherContent}); the CJK font is embedded as a subset.
 *
 * @see io.branchlink.prefill.voucher.VoucherRendererTests
 */
public final class VoucherRenderer {

    private static final float MARGIN = 50;
    private static final float QR_SIZE = 110;
    private static final float VALUE_X = 260;
    private static final float BODY_SIZE = 10;
    private static final float LINE = 15;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss xxx");

    private final VoucherFont font;
    private final ZoneId zone;

    /** @param zone the branch's zone, in which timestamps are printed */
    public VoucherRenderer(VoucherFont font, ZoneId zone) {
        this.font = Objects.requireNonNull(font, "font");
        this.zone = Objects.requireNonNull(zone, "zone");
    }

    public RenderedVoucher render(Voucher voucher) {
        String hash = VoucherContent.sha256(voucher);
        try (PDDocument document = new PDDocument();
             VoucherFont.Loaded loaded = font.load(document)) {
            PDPage page = new PDPage(PDRectangle.A4);
            document.addPage(page);
            describe(document, voucher);
            PDImageXObject qr = LosslessFactory.createFromImage(document,
                    QrImages.toImage(voucher.reference(), (int) (QR_SIZE * 3)));
            try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                new Page(content, loaded.font(), page.getMediaBox()).draw(voucher, hash, qr);
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.save(out);
            loaded.saved();
            return new RenderedVoucher(voucher.reference(), hash, out.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot render voucher " + voucher.reference(), e);
        }
    }

    private static void describe(PDDocument document, Voucher voucher) {
        PDDocumentInformation info = document.getDocumentInformation();
        info.setTitle(voucher.form().label().en() + " " + voucher.reference());
        info.setSubject(voucher.form().type());
        GregorianCalendar confirmed = GregorianCalendar.from(voucher.confirmedAt().atZone(ZoneId.of("UTC")));
        info.setCreationDate(confirmed);
    }

    private String time(Instant instant) {
        return TIME.format(instant.atZone(zone));
    }

    /** The value as printed: choices with their labels, amounts with their currency. */
    static String display(FieldDefinition field, String value, Voucher voucher) {
        FieldRules rules = field.rules();
        return switch (field.type()) {
            case CHOICE, CURRENCY -> rules.choice(value)
                    .map(c -> c.label().zh() + " " + c.label().en() + " (" + value + ")").orElse(value);
            case AMOUNT -> {
                String currency = rules.currency() != null ? rules.currency()
                        : voucher.values().getOrDefault(rules.currencyField(), "");
                yield (value + " " + currency).strip();
            }
            default -> value;
        };
    }

    /** Draws on one page from top to bottom. */
    private final class Page {

        private final PDPageContentStream content;
        private final PDFont font;
        private final PDRectangle box;
        private float y;

        Page(PDPageContentStream content, PDFont font, PDRectangle box) {
            this.content = content;
            this.font = font;
            this.box = box;
            this.y = box.getHeight() - MARGIN;
        }

        void draw(Voucher voucher, String hash, PDImageXObject qr) throws IOException {
            float top = y;
            content.drawImage(qr, box.getWidth() - MARGIN - QR_SIZE, top - QR_SIZE, QR_SIZE, QR_SIZE);

            text(MARGIN, 16, voucher.bank().zh() + " " + voucher.bank().en());
            y -= 22;
            text(MARGIN, 11, voucher.branch().zh() + " " + voucher.branch().en() + " (" + voucher.branchCode() + ")");
            y -= 26;
            text(MARGIN, 15, voucher.form().label().zh());
            y -= 19;
            text(MARGIN, 12, voucher.form().label().en());
            y -= 20;
            text(MARGIN, BODY_SIZE, "凭证编号 Reference: " + voucher.reference());
            y = Math.min(y, top - QR_SIZE) - 18;

            row("客户姓名 / Customer", voucher.customerName());
            row("客户号 / Customer id", voucher.customerId());
            row("柜员号 / Teller id", voucher.tellerId());
            row("提交时间 / Submitted at", time(voucher.submittedAt()));
            row("确认时间 / Confirmed at", time(voucher.confirmedAt()));
            rule();

            for (FieldDefinition field : voucher.form().fields()) {
                String value = voucher.values().get(field.name());
                String shown = value == null || value.isBlank() ? "—" : display(field, value.strip(), voucher);
                row(field.label().zh() + " / " + field.label().en(), shown);
            }
            rule();
            text(MARGIN, 8, "内容摘要 Content SHA-256: " + hash);
            y -= 12;
            text(MARGIN, 8, "业务代码 Business action: " + voucher.form().action() + "   "
                    + VoucherContent.VERSION);
        }

        private void row(String label, String value) throws IOException {
            List<String> lines = wrap(value, BODY_SIZE, box.getWidth() - MARGIN - VALUE_X);
            text(MARGIN, BODY_SIZE, label);
            for (String line : lines) {
                text(VALUE_X, BODY_SIZE, line);
                y -= LINE;
            }
        }

        private void rule() throws IOException {
            y += LINE / 2;
            content.setLineWidth(0.5f);
            content.moveTo(MARGIN, y);
            content.lineTo(box.getWidth() - MARGIN, y);
            content.stroke();
            y -= LINE;
        }

        private void text(float x, float size, String text) throws IOException {
            content.beginText();
            content.setFont(font, size);
            content.newLineAtOffset(x, y);
            content.showText(printable(text));
            content.endText();
        }

        /** Characters the font has no glyph for are shown as '?' rather than failing the voucher. */
        private String printable(String text) {
            StringBuilder out = new StringBuilder(text.length());
            text.codePoints().forEach(cp -> {
                String ch = new String(Character.toChars(cp));
                try {
                    font.encode(ch);
                    out.append(ch);
                } catch (IOException | IllegalArgumentException e) {
                    out.append('?');
                }
            });
            return out.toString();
        }

        private List<String> wrap(String text, float size, float width) throws IOException {
            List<String> lines = new ArrayList<>();
            StringBuilder line = new StringBuilder();
            for (int cp : printable(text).codePoints().toArray()) {
                String next = line + new String(Character.toChars(cp));
                if (line.length() > 0 && font.getStringWidth(next) / 1000 * size > width) {
                    lines.add(line.toString());
                    line.setLength(0);
                }
                line.appendCodePoint(cp);
            }
            lines.add(line.toString());
            return lines;
        }
    }
}
