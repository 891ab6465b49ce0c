package io.branchlink.channel.cashbooking;

import io.branchlink.prefill.catalog.FormDefinition;
import io.branchlink.prefill.voucher.RenderedVoucher;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;

/**
 * Where a payout's voucher is numbered, rendered, sealed and archived: the counter's voucher archive, so a payout's
 * voucher has the same reference sequence, the same seal and the same place as every other voucher of the branch,
 * and the hub fetches and prints it like any other. Both methods run inside the payout's transaction.
 */
public interface PayoutVoucherArchive {

    /** @return the branch's next voucher reference for {@code day}; its sequence stays locked until the commit */
    String nextReference(String branchId, LocalDate day);

    /**
     * Renders the voucher of {@code form} with {@code values}, writes {@code consent} into it, seals it with the
     * bank's key and archives it; a payout voucher has no form draft behind it.
     */
    RenderedVoucher archivePayout(String reference, FormDefinition form, Map<String, String> values, UUID customerId,
            String branchId, String tellerId, Instant bookedAt, Instant paidAt, Map<String, String> consent);
}
