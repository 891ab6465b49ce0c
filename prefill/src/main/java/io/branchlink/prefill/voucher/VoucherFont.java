package io.branchlink.prefill.voucher;

import java.io.ByteArrayInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeCollection;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * The TrueType font with Chinese glyphs that vouchers embed as a subset. By default Noto Sans SC Regular, which the
 * prefill build fetches and puts into this library's jar at {@value #RESOURCE} (licence: {@value #LICENCE_RESOURCE});
 * the system property {@value #PROPERTY} names a {@code .ttf} file, or a {@code .ttc} collection whose first font is
 * used, to take its place.
 *
 * <p>The font's bytes are read once per JVM ({@link #require()}). Parsing them takes about 10 ms, half of a voucher's
 * rendering time, so parsed fonts are kept for reuse: each document borrows one for its whole life (the document reads
 * it until it has been saved; a parsed font is never used by two threads at once) and gives it back afterwards.
 *
 * @see io.branchlink.prefill.voucher.VoucherRendererTests
 */
public final class VoucherFont {

    /** A system property naming a CJK TrueType font file (.ttf or .ttc) to use instead of the bundled one. */
    public static final String PROPERTY = "branchlink.prefill.font";

    /** The classpath location of the bundled font. */
    public static final String RESOURCE = "/io/branchlink/prefill/voucher/fonts/NotoSansSC-Regular.ttf";

    /** The classpath location of the bundled font's licence (SIL Open Font License 1.1). */
    public static final String LICENCE_RESOURCE = "/io/branchlink/prefill/voucher/fonts/NotoSansSC-OFL.txt";

    /**
     * How many idle parsed fonts are kept (one per core, at most 4: rendering is CPU-bound, and a parsed Noto Sans SC
     * holds about 36 MB of heap). More documents than this at once parse their own and drop it afterwards.
     */
    static final int MAX_IDLE = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));

    private static final Map<String, VoucherFont> LOADED = new ConcurrentHashMap<>();

    private final String source;
    private final byte[] data;
    private final boolean collection;
    private final Queue<Parsed> idle = new ConcurrentLinkedQueue<>();
    private final AtomicInteger idleCount = new AtomicInteger();

    /** Parses the font once, both to fail early on a bad file and so that the first voucher finds one ready. */
    private VoucherFont(String source, byte[] data, boolean collection) throws IOException {
        this.source = source;
        this.data = data;
        this.collection = collection;
        giveBack(parse());
    }

    /**
     * The font named by {@value #PROPERTY}, else the bundled one; read once per JVM.
     *
     * @throws IllegalStateException when the named file or the bundled resource cannot be read
     */
    public static VoucherFont require() {
        String configured = System.getProperty(PROPERTY);
        if (configured != null && !configured.isBlank()) {
            String path = configured.strip();
            return LOADED.computeIfAbsent("file:" + path, key -> fromFile(Path.of(path)));
        }
        return bundled();
    }

    /**
     * The font bundled in this library's jar; read once per JVM.
     *
     * @throws IllegalStateException when the resource is missing (a jar built without its font)
     */
    public static VoucherFont bundled() {
        return LOADED.computeIfAbsent("classpath:" + RESOURCE, key -> {
            try (InputStream in = VoucherFont.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("the voucher font " + RESOURCE + " is not on the classpath: the "
                            + "prefill build puts it there (mvn -pl prefill install), or set -D" + PROPERTY
                            + "=<file.ttf|file.ttc>");
                }
                return new VoucherFont(key, in.readAllBytes(), false);
            } catch (IOException e) {
                throw new IllegalStateException("cannot read the voucher font " + RESOURCE, e);
            }
        });
    }

    /**
     * A font file: a {@code .ttf}, or a {@code .ttc} collection whose first font is used. Each call reads the file.
     *
     * @throws IllegalStateException when the file cannot be read or parsed as a TrueType font
     */
    public static VoucherFont fromFile(Path path) {
        Objects.requireNonNull(path, "path");
        try {
            boolean collection = path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".ttc");
            return new VoucherFont(path.toString(), Files.readAllBytes(path), collection);
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("cannot use " + path + " as the voucher font (-D" + PROPERTY
                    + "=<file.ttf|file.ttc>)", e);
        }
    }

    /** Where the font came from: {@code classpath:/…} or a file path. */
    public String source() {
        return source;
    }

    /** The size of the whole font file, before subsetting. */
    public int size() {
        return data.length;
    }

    /**
     * Loads the font into one document as a subset. Close the result after the document has been saved; call
     * {@link Loaded#saved()} first so that the parsed font is kept for the next document.
     */
    public Loaded load(PDDocument document) throws IOException {
        Parsed parsed = idle.poll();
        if (parsed != null) {
            idleCount.decrementAndGet();
        } else {
            parsed = parse();
        }
        try {
            return new Loaded(PDType0Font.load(document, parsed.font(), true), parsed, this);
        } catch (IOException | RuntimeException e) {
            parsed.close();
            throw e;
        }
    }

    private void giveBack(Parsed parsed) throws IOException {
        if (idleCount.incrementAndGet() <= MAX_IDLE) {
            idle.offer(parsed);
        } else {
            idleCount.decrementAndGet();
            parsed.close();
        }
    }

    /** A fresh parse of the shared bytes. */
    private Parsed parse() throws IOException {
        if (!collection) {
            TrueTypeFont font = new TTFParser().parse(new RandomAccessReadBuffer(data));
            return new Parsed(font, font);
        }
        TrueTypeCollection ttc = new TrueTypeCollection(new ByteArrayInputStream(data));
        try {
            AtomicReference<TrueTypeFont> first = new AtomicReference<>();
            ttc.processAllFonts(font -> first.compareAndSet(null, font));
            if (first.get() == null) {
                throw new IOException("empty font collection: " + source);
            }
            return new Parsed(first.get(), ttc);
        } catch (IOException | RuntimeException e) {
            ttc.close();
            throw e;
        }
    }

    @Override
    public String toString() {
        return "VoucherFont[" + source + ", " + data.length + " bytes]";
    }

    /** A parsed font and what to close to release it: the font itself, or the collection it belongs to. */
    private record Parsed(TrueTypeFont font, Closeable owner) implements Closeable {

        @Override
        public void close() throws IOException {
            owner.close();
        }
    }

    /** A font loaded into one document, with the parsed font it reads from until the document is saved. */
    public static final class Loaded implements AutoCloseable {

        private final PDType0Font font;
        private final Parsed parsed;
        private final VoucherFont owner;
        private boolean saved;

        private Loaded(PDType0Font font, Parsed parsed, VoucherFont owner) {
            this.font = font;
            this.parsed = parsed;
            this.owner = owner;
        }

        public PDType0Font font() {
            return font;
        }

        /** The document was saved without error, so the parsed font may serve the next one. */
        public void saved() {
            saved = true;
        }

        /** Keeps the parsed font for reuse after a successful save; after a failure, drops it. */
        @Override
        public void close() throws IOException {
            if (saved) {
                owner.giveBack(parsed);
            } else {
                parsed.close();
            }
        }
    }
}
