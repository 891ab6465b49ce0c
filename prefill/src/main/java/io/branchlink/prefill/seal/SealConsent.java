package io.branchlink.prefill.seal;

import io.branchlink.prefill.voucher.VoucherFont;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdfwriter.compress.CompressParameters;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;

/**
 * The customer's consent written into a PDF before it is sealed, so the seal covers it: one entry
 * {@code /Consent.<field>} per field in the document information dictionary (machine-readable; any PDF reader's
 * "document properties" lists them) and the same fields as a visible line at the foot of the last page. Fields are
 * ids, times and hashes: names of letters and digits, values of printable ASCII.
 *
 * @see io.branchlink.prefill.seal.SealConsentTests
 */
public final class SealConsent {

    /** The prefix of the consent's keys in the document information dictionary. */
    public static final String PREFIX = "Consent.";

    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9]{0,39}");
    private static final Pattern VALUE = Pattern.compile("[\\x20-\\x7E]{1,200}");
    private static final int MAX_FIELDS = 20;
    private static final float SIZE = 6.5f;
    private static final float LEFT = 50;
    private static final float PER_LINE = 140;

    private SealConsent() {
    }

    /**
     * The document with its consent written in (a full save: these are the bytes that are then sealed).
     *
     * @param consent field → value, in the order to print; at most 20 fields
     * @throws IllegalArgumentException for a name or value outside the alphabets above
     */
    public static byte[] embed(byte[] pdf, Map<String, String> consent) {
        check(consent);
        try (PDDocument document = Loader.loadPDF(pdf);
             VoucherFont.Loaded font = VoucherFont.require().load(document)) {
            PDDocumentInformation info = document.getDocumentInformation();
            consent.forEach((name, value) -> info.setCustomMetadataValue(PREFIX + name, value));
            PDPage last = document.getPage(document.getNumberOfPages() - 1);
            try (PDPageContentStream content = new PDPageContentStream(document, last,
                    PDPageContentStream.AppendMode.APPEND, true, true)) {
                float y = 34;
                for (String line : lines(consent)) {
                    content.beginText();
                    content.setFont(font.font(), SIZE);
                    content.newLineAtOffset(LEFT, y);
                    content.showText(line);
                    content.endText();
                    y -= SIZE + 2;
                }
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream(pdf.length + 2048);
            // no object streams: the information dictionary stays plain text in the file, readable without a PDF
            // library
            document.save(out, CompressParameters.NO_COMPRESSION);
            font.saved();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the consent into the document", e);
        }
    }

    /** The consent a document carries, in the dictionary's order; empty when it carries none. */
    public static Map<String, String> read(PDDocument document) {
        Map<String, String> consent = new LinkedHashMap<>();
        PDDocumentInformation info = document.getDocumentInformation();
        for (String key : info.getMetadataKeys()) {
            if (key.startsWith(PREFIX) && consent.size() < MAX_FIELDS) {
                String value = info.getCustomMetadataValue(key);
                if (value != null) {
                    consent.put(key.substring(PREFIX.length()), value);
                }
            }
        }
        return consent;
    }

    /** The visible lines: "Consent:" then the fields, a few to a line. */
    static List<String> lines(Map<String, String> consent) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder("Consent (sealed):");
        for (Map.Entry<String, String> field : consent.entrySet()) {
            String part = " " + field.getKey() + "=" + field.getValue();
            if (line.length() + part.length() > PER_LINE && line.length() > 0) {
                lines.add(line.toString());
                line.setLength(0);
                line.append(" ");
            }
            line.append(part);
        }
        lines.add(line.toString());
        return lines;
    }

    private static void check(Map<String, String> consent) {
        if (consent.isEmpty() || consent.size() > MAX_FIELDS) {
            throw new IllegalArgumentException("a consent has 1 to " + MAX_FIELDS + " fields");
        }
        consent.forEach((name, value) -> {
            if (!NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("not a consent field name: " + name);
            }
            if (value == null || !VALUE.matcher(value).matches()) {
                throw new IllegalArgumentException("consent field " + name + " is not 1-200 printable ASCII");
            }
        });
    }
}
