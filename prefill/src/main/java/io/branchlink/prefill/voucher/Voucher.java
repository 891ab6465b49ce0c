package io.branchlink.prefill.voucher;

import io.branchlink.prefill.catalog.FormDefinition;
import io.branchlink.prefill.catalog.Label;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * What a voucher records of one confirmed counter business: the form as validated, who asked, who confirmed, when.
 *
 * @param reference the voucher reference, printed and encoded in the QR code
 * @param values field name → value as validated; every key must be a field of {@code form}
 * @param submittedAt when the customer submitted the form
 * @param confirmedAt when the teller confirmed it
 */
public record Voucher(String reference, Label bank, String branchCode, Label branch, FormDefinition form,
                      Map<String, String> values, String customerId, String customerName, String tellerId,
                      Instant submittedAt, Instant confirmedAt) {

    public Voucher {
        Objects.requireNonNull(reference, "reference");
        Objects.requireNonNull(bank, "bank");
        Objects.requireNonNull(branchCode, "branchCode");
        Objects.requireNonNull(branch, "branch");
        Objects.requireNonNull(form, "form");
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(customerName, "customerName");
        Objects.requireNonNull(tellerId, "tellerId");
        Objects.requireNonNull(submittedAt, "submittedAt");
        Objects.requireNonNull(confirmedAt, "confirmedAt");
        values = Map.copyOf(values);
        for (String name : values.keySet()) {
            if (form.field(name).isEmpty()) {
                throw new IllegalArgumentException(name + " is not a field of " + form.type());
            }
        }
    }
}
