package io.branchlink.agent.device;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The receipt printer (XFS PTR). Receipts never carry a QR token or a full account number; a teller terminal's
 * printer also prints whole documents, such as the PDF voucher of a confirmed counter business.
 */
public interface ReceiptPrinter extends Device {

    Outcome print(Receipt receipt);

    /**
     * Prints a document. A printer that cannot print documents (an ITM's receipt printer) answers
     * {@code INVALID_DATA} with error code {@code E-NO-DOCUMENTS}.
     */
    default Outcome printDocument(PrintedDocument document) {
        Objects.requireNonNull(document, "document");
        return Outcome.of(CompletionCode.INVALID_DATA, "E-NO-DOCUMENTS", component() + " cannot print documents");
    }

    /** The lines of one receipt, top to bottom. */
    record Receipt(List<String> lines) {
        public Receipt {
            lines = List.copyOf(Objects.requireNonNull(lines, "lines"));
        }
    }

    /**
     * A document to print, such as a counter-business voucher.
     *
     * @param reference the reference printed on it, for logs and the operator
     * @param contentHash the SHA-256 of the document's canonical content, as the hub sent it
     * @param pdf the document as a PDF
     */
    record PrintedDocument(String reference, String contentHash, byte[] pdf) {
        public PrintedDocument {
            Objects.requireNonNull(reference, "reference");
            Objects.requireNonNull(contentHash, "contentHash");
            pdf = Objects.requireNonNull(pdf, "pdf").clone();
        }

        @Override
        public byte[] pdf() {
            return pdf.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof PrintedDocument other && reference.equals(other.reference)
                    && contentHash.equals(other.contentHash) && Arrays.equals(pdf, other.pdf);
        }

        @Override
        public int hashCode() {
            return Objects.hash(reference, contentHash, Arrays.hashCode(pdf));
        }

        @Override
        public String toString() {
            return "PrintedDocument[reference=" + reference + ", pdf=" + pdf.length + " bytes]";
        }
    }
}
