package io.branchlink.prefill.voucher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.fontbox.ttf.TrueTypeCollection;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * The TrueType font with Chinese glyphs that vouchers embed (as a subset); a {@code .ttf} file or the first font of
 * a {@code .ttc} collection. By default Debian's {@code fonts-wqy-microhei}, or the path in the system property
 * {@value #PROPERTY}.
 */
public record VoucherFont(Path path) {

    /** A system property naming a CJK TrueType font file (.ttf or .ttc) to use instead of the default. */
    public static final String PROPERTY = "branchlink.prefill.font";

    /** The Debian package that provides the default font. */
    public static final String DEBIAN_PACKAGE = "fonts-wqy-microhei";

    static final List<Path> CANDIDATES = List.of(
            Path.of("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"),
            Path.of("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"));

    /** The font named by {@value #PROPERTY}, else the first of the known system paths that exists. */
    public static Optional<VoucherFont> locate() {
        String configured = System.getProperty(PROPERTY);
        if (configured != null && !configured.isBlank()) {
            Path path = Path.of(configured);
            return Files.isReadable(path) ? Optional.of(new VoucherFont(path)) : Optional.empty();
        }
        return CANDIDATES.stream().filter(Files::isReadable).findFirst().map(VoucherFont::new);
    }

    /** @throws IllegalStateException naming the package to install when no CJK font is found */
    public static VoucherFont require() {
        return locate().orElseThrow(() -> new IllegalStateException("no CJK TrueType font for vouchers: install the "
                + "Debian package " + DEBIAN_PACKAGE + " or set -D" + PROPERTY + "=<file.ttf|file.ttc>"));
    }

    /** Opens the font for one document; close it only after the document has been saved. */
    Loaded load(PDDocument document) throws IOException {
        if (path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".ttc")) {
            TrueTypeCollection collection = new TrueTypeCollection(path.toFile());
            try {
                AtomicReference<TrueTypeFont> first = new AtomicReference<>();
                collection.processAllFonts(font -> first.compareAndSet(null, font));
                if (first.get() == null) {
                    throw new IOException("empty font collection: " + path);
                }
                return new Loaded(PDType0Font.load(document, first.get(), true), collection);
            } catch (IOException | RuntimeException e) {
                collection.close();
                throw e;
            }
        }
        return new Loaded(PDType0Font.load(document, path.toFile()), () -> { });
    }

    /** A font loaded into a document, with the file it still reads from until the document is saved. */
    record Loaded(PDType0Font font, AutoCloseable source) implements AutoCloseable {

        @Override
        public void close() throws IOException {
            try {
                source.close();
            } catch (IOException | RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IOException(e);
            }
        }
    }
}
