package io.branchlink.prefill.voucher;

import io.branchlink.prefill.catalog.FieldDefinition;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The canonical content of a voucher and its SHA-256, so that the hash printed on the PDF does not depend on layout,
 * fonts or PDF metadata. The content is UTF-8 text, one {@code key=value} line each ending in LF, in this order:
 * {@code branchlink-voucher/1}, {@code reference}, {@code bank.zh}, {@code bank.en}, {@code branch.code},
 * {@code branch.zh}, {@code branch.en}, {@code type}, {@code action}, {@code customer.id}, {@code customer.name},
 * {@code teller}, {@code submittedAt} and {@code confirmedAt} (ISO 8601 UTC instants), then {@code field.<name>} for
 * each field of the form, in definition order, that has a non-blank value (stripped). In values, backslash, LF and
 * CR are written {@code \\}, {@code \n} and {@code \r}. The hash is the lowercase hex SHA-256 of those bytes.
 *
 * @see io.branchlink.prefill.voucher.VoucherRendererTests
 */
public final class VoucherContent {

    public static final String VERSION = "branchlink-voucher/1";

    private VoucherContent() {
    }

    public static String canonical(Voucher voucher) {
        StringBuilder out = new StringBuilder(512).append(VERSION).append('\n');
        line(out, "reference", voucher.reference());
        line(out, "bank.zh", voucher.bank().zh());
        line(out, "bank.en", voucher.bank().en());
        line(out, "branch.code", voucher.branchCode());
        line(out, "branch.zh", voucher.branch().zh());
        line(out, "branch.en", voucher.branch().en());
        line(out, "type", voucher.form().type());
        line(out, "action", voucher.form().action());
        line(out, "customer.id", voucher.customerId());
        line(out, "customer.name", voucher.customerName());
        line(out, "teller", voucher.tellerId());
        line(out, "submittedAt", voucher.submittedAt().toString());
        line(out, "confirmedAt", voucher.confirmedAt().toString());
        for (FieldDefinition field : voucher.form().fields()) {
            String value = voucher.values().get(field.name());
            if (value != null && !value.isBlank()) {
                line(out, "field." + field.name(), value.strip());
            }
        }
        return out.toString();
    }

    /** The lowercase hex SHA-256 of the canonical content. */
    public static String sha256(Voucher voucher) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(canonical(voucher).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    private static void line(StringBuilder out, String key, String value) {
        out.append(key).append('=')
                .append(value.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r"))
                .append('\n');
    }
}
