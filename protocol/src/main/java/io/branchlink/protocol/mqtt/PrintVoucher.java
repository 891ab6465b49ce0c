package io.branchlink.protocol.mqtt;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Print a confirmed business's voucher on the teller terminal's printer. The PDF travels in the command (Base64 in
 * JSON, so a voucher must stay well under {@link MqttJson#MAX_PAYLOAD_BYTES}).
 *
 * @param reference the voucher reference printed on it
 * @param contentHash the SHA-256 (64 lowercase hex digits) of the voucher's canonical content
 * @param pdf the voucher as a PDF document
 */
public record PrintVoucher(@JsonProperty(required = true) int schemaVersion,
        @JsonProperty(required = true) String commandId,
        @JsonProperty(required = true) String reference,
        @JsonProperty(required = true) String contentHash,
        @JsonProperty(required = true) byte[] pdf,
        @JsonProperty(required = true) Instant issuedAt) implements Command {

    public static final String NAME = "print-voucher";

    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");
    private static final byte[] PDF_MAGIC = {'%', 'P', 'D', 'F', '-'};

    public PrintVoucher {
        Payloads.schemaVersion(schemaVersion);
        Payloads.commandId(commandId);
        Payloads.text(reference, "reference", 64);
        Payloads.required(contentHash, "contentHash");
        if (!SHA256_HEX.matcher(contentHash).matches()) {
            throw new IllegalArgumentException("contentHash must be 64 lowercase hex digits");
        }
        Payloads.required(pdf, "pdf");
        if (pdf.length < PDF_MAGIC.length || !Arrays.equals(pdf, 0, PDF_MAGIC.length, PDF_MAGIC, 0, PDF_MAGIC.length)) {
            throw new IllegalArgumentException("pdf is not a PDF document");
        }
        pdf = pdf.clone();
        Payloads.required(issuedAt, "issuedAt");
    }

    public static PrintVoucher of(String commandId, String reference, String contentHash, byte[] pdf,
            Instant issuedAt) {
        return new PrintVoucher(MqttJson.SCHEMA_VERSION, commandId, reference, contentHash, pdf, issuedAt);
    }

    @Override
    public byte[] pdf() {
        return pdf.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PrintVoucher other && schemaVersion == other.schemaVersion
                && commandId.equals(other.commandId) && reference.equals(other.reference)
                && contentHash.equals(other.contentHash) && Arrays.equals(pdf, other.pdf)
                && issuedAt.equals(other.issuedAt);
    }

    @Override
    public int hashCode() {
        return Objects.hash(schemaVersion, commandId, reference, contentHash, Arrays.hashCode(pdf), issuedAt);
    }

    @Override
    public String toString() {
        return "PrintVoucher[commandId=" + commandId + ", reference=" + reference + ", contentHash="
                + contentHash.substring(0, 12) + "…, pdf=" + pdf.length + " bytes]";
    }
}
