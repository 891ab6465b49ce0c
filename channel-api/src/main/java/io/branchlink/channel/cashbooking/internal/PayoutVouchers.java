package io.branchlink.channel.cashbooking.internal;

import io.branchlink.channel.cashbooking.PayoutVoucherArchive;
import io.branchlink.prefill.catalog.Choice;
import io.branchlink.prefill.catalog.FieldDefinition;
import io.branchlink.prefill.catalog.FieldRules;
import io.branchlink.prefill.catalog.FieldType;
import io.branchlink.prefill.catalog.FormDefinition;
import io.branchlink.prefill.catalog.Label;
import io.branchlink.prefill.voucher.RenderedVoucher;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The payout's voucher, numbered, rendered, sealed and archived by the counter's voucher archive
 * ({@link PayoutVoucherArchive}: the same daily sequence per branch, {@code V-{branch}-{yyyyMMdd}-{seq}}, the bank's
 * seal, the {@code vouchers} table), so the hub fetches and prints it like any other; it has no form draft behind it.
 */
@Component
class PayoutVouchers {

    static final String TYPE = "LARGE_CASH_PAYOUT";
    static final FormDefinition PAYOUT = new FormDefinition(TYPE, new Label("大额取现", "Large cash withdrawal"),
            "LARGE_CASH_PAYOUT", List.of(
                    field("booking", FieldType.TEXT, "预约编号", "Booking", FieldRules.NONE),
                    field("account", FieldType.ACCOUNT, "取款账号", "Account", FieldRules.NONE),
                    field("amount", FieldType.AMOUNT, "取款金额", "Amount", new FieldRules(null, null, null, null, null,
                            null, "CNY", null, null, null, null, null)),
                    field("withdrawalDate", FieldType.DATE, "取款日期", "Withdrawal date", FieldRules.NONE),
                    field("denomination", FieldType.CHOICE, "券别", "Denomination", new FieldRules(null, null, null,
                            null, null, List.of(new Choice("CNY100", new Label("100元", "100 yuan notes")),
                                    new Choice("MIXED", new Label("混合券别", "Mixed notes"))),
                            null, null, null, null, null, null))),
            List.of());

    private final PayoutVoucherArchive archive;

    PayoutVouchers(PayoutVoucherArchive archive) {
        this.archive = archive;
    }

    /** The next reference of the branch's day; the sequence row stays locked until the transaction ends. */
    @Transactional(propagation = Propagation.MANDATORY)
    String nextReference(String branchId, LocalDate day) {
        return archive.nextReference(branchId, day);
    }

    /**
     * Renders, seals and archives the payout's voucher. The consent it carries is the customer's booking (made in the
     * app or confirmed at a counter) and the teller's confirmation of the payout.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    RenderedVoucher archive(String reference, Map<String, String> values, UUID bookingId, UUID customerId,
            String branchId, String tellerId, String terminalId, UUID confirmationId, Instant bookedAt,
            Instant paidAt) {
        Map<String, String> consent = new LinkedHashMap<>();
        consent.put("kind", "CASH_BOOKING_PAYOUT");
        consent.put("bookingId", bookingId.toString());
        consent.put("bookedAt", bookedAt.toString());
        consent.put("confirmationId", confirmationId.toString());
        consent.put("tellerId", tellerId);
        consent.put("terminalId", terminalId);
        consent.put("confirmedAt", paidAt.toString());
        return archive.archivePayout(reference, PAYOUT, values, customerId, branchId, tellerId, bookedAt, paidAt,
                consent);
    }

    private static FieldDefinition field(String name, FieldType type, String zh, String en, FieldRules rules) {
        return new FieldDefinition(name, type, new Label(zh, en), true, false, rules);
    }
}
