package io.branchlink.prefill.voucher;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
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

/**
 * A plain A4 document of headings, wrapped paragraphs, label/value rows and table rows, in the voucher font (so
 * Chinese text renders), paged as it fills: loan contracts. Built with {@link #builder}, rendered once with
 * {@link #render}.
 *
 * @see io.branchlink.prefill.voucher.TextDocumentTests
 */
public final class TextDocument {

    private static final float MARGIN = 50;
    private static final float BODY = 10;
    private static final float LINE = 14;

    private final String title;
    private final Instant createdAt;
    private final List<Block> blocks;

    private TextDocument(String title, Instant createdAt, List<Block> blocks) {
        this.title = title;
        this.createdAt = createdAt;
        this.blocks = List.copyOf(blocks);
    }

    /** @param title the document's title, also written to its information dictionary */
    public static Builder builder(String title, Instant createdAt) {
        return new Builder(Objects.requireNonNull(title, "title"), Objects.requireNonNull(createdAt, "createdAt"));
    }

    /** The PDF, with the font embedded as a subset. */
    public byte[] render(VoucherFont font) {
        try (PDDocument document = new PDDocument();
             VoucherFont.Loaded loaded = font.load(document)) {
            PDDocumentInformation info = document.getDocumentInformation();
            info.setTitle(title);
            info.setCreationDate(GregorianCalendar.from(createdAt.atZone(ZoneOffset.UTC)));
            new Writer(document, loaded.font()).write();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.save(out);
            loaded.saved();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot render " + title, e);
        }
    }

    private sealed interface Block permits Heading, Paragraph, Row, TableRow {
    }

    private record Heading(String text, float size) implements Block {
    }

    private record Paragraph(String text) implements Block {
    }

    private record Row(String label, String value) implements Block {
    }

    private record TableRow(List<String> cells, boolean header) implements Block {
    }

    /** Adds blocks from top to bottom. */
    public static final class Builder {

        private final String title;
        private final Instant createdAt;
        private final List<Block> blocks = new ArrayList<>();

        private Builder(String title, Instant createdAt) {
            this.title = title;
            this.createdAt = createdAt;
        }

        public Builder heading(String text, float size) {
            blocks.add(new Heading(text, size));
            return this;
        }

        /** Text wrapped to the page's width. */
        public Builder paragraph(String text) {
            blocks.add(new Paragraph(text));
            return this;
        }

        /** A label on the left, its value in a second column. */
        public Builder row(String label, String value) {
            blocks.add(new Row(label, value == null ? "—" : value));
            return this;
        }

        /** A table row: cells in equal columns across the page; a header row is followed by a rule. */
        public Builder tableRow(boolean header, String... cells) {
            blocks.add(new TableRow(List.of(cells), header));
            return this;
        }

        public TextDocument build() {
            return new TextDocument(title, createdAt, blocks);
        }
    }

    /** Draws the blocks, starting a new page when one is full. */
    private final class Writer {

        private final PDDocument document;
        private final PDFont font;
        private PDPageContentStream content;
        private PDRectangle box;
        private float y;

        Writer(PDDocument document, PDFont font) {
            this.document = document;
            this.font = font;
        }

        void write() throws IOException {
            newPage();
            try {
                for (Block block : blocks) {
                    if (block instanceof Heading h) {
                        room(h.size() + 10);
                        y -= 6;
                        text(MARGIN, h.size(), h.text());
                        y -= h.size() + 6;
                    } else if (block instanceof Paragraph p) {
                        for (String line : wrap(p.text(), box.getWidth() - 2 * MARGIN)) {
                            room(LINE);
                            text(MARGIN, BODY, line);
                            y -= LINE;
                        }
                        y -= 4;
                    } else if (block instanceof Row r) {
                        room(LINE);
                        text(MARGIN, BODY, r.label());
                        text(MARGIN + 190, BODY, r.value());
                        y -= LINE;
                    } else if (block instanceof TableRow t) {
                        room(LINE);
                        float width = (box.getWidth() - 2 * MARGIN) / t.cells().size();
                        for (int i = 0; i < t.cells().size(); i++) {
                            text(MARGIN + i * width, BODY - 1, t.cells().get(i));
                        }
                        y -= LINE;
                        if (t.header()) {
                            content.moveTo(MARGIN, y + LINE - 3);
                            content.lineTo(box.getWidth() - MARGIN, y + LINE - 3);
                            content.stroke();
                        }
                    }
                }
            } finally {
                content.close();
            }
        }

        private void room(float needed) throws IOException {
            if (y - needed < MARGIN) {
                content.close();
                newPage();
            }
        }

        private void newPage() throws IOException {
            PDPage page = new PDPage(PDRectangle.A4);
            document.addPage(page);
            box = page.getMediaBox();
            content = new PDPageContentStream(document, page);
            content.setLineWidth(0.5f);
            y = box.getHeight() - MARGIN;
        }

        private void text(float x, float size, String text) throws IOException {
            content.beginText();
            content.setFont(font, size);
            content.newLineAtOffset(x, y - size);
            content.showText(text);
            content.endText();
        }

        private List<String> wrap(String text, float width) throws IOException {
            List<String> lines = new ArrayList<>();
            StringBuilder line = new StringBuilder();
            int i = 0;
            while (i < text.length()) {
                int cp = text.codePointAt(i);
                String next = line + new String(Character.toChars(cp));
                if (line.length() > 0 && font.getStringWidth(next) / 1000 * BODY > width) {
                    int space = line.lastIndexOf(" ");
                    if (space > 0 && cp != ' ') {
                        lines.add(line.substring(0, space));
                        line = new StringBuilder(line.substring(space + 1));
                    } else {
                        lines.add(line.toString());
                        line = new StringBuilder();
                    }
                    if (cp == ' ') {
                        i += Character.charCount(cp);
                        continue;
                    }
                }
                line.appendCodePoint(cp);
                i += Character.charCount(cp);
            }
            if (line.length() > 0) {
                lines.add(line.toString());
            }
            return lines;
        }
    }
}
