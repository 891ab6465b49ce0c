package io.branchlink.channel.cashbooking.internal;

import io.branchlink.prefill.catalog.Choice;
import io.branchlink.prefill.catalog.FieldDefinition;
import io.branchlink.prefill.catalog.FieldRules;
import io.branchlink.prefill.catalog.FieldType;
import io.branchlink.prefill.catalog.FormDefinition;
import io.branchlink.prefill.catalog.Label;
import io.branchlink.prefill.voucher.RenderedVoucher;
import io.branchlink.prefill.voucher.Voucher;
import io.branchlink.prefill.voucher.VoucherRenderer;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The payout's voucher, numbered, rendered and archived as the counter's form vouchers are (the same daily sequence
 * per branch, {@code V-{branch}-{yyyyMMdd}-{seq}}, prefill's renderer, the {@code vouchers} table), so the hub fetches
 * and prints it like any other; it has no form draft behind it.
 */
@Component
class PayoutVouchers {

    static final String TYPE = "LARGE_CASH_PAYOUT";
    private static final Logger log = LoggerFactory.getLogger(PayoutVouchers.class);
    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;
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

    private final JdbcClient jdbc;
    private final ObjectProvider<VoucherRenderer> renderer;
    private final CashBookingProperties properties;

    PayoutVouchers(JdbcClient jdbc, ObjectProvider<VoucherRenderer> renderer, CashBookingProperties properties) {
        this.jdbc = jdbc;
        this.renderer = renderer;
        this.properties = properties;
    }

    /** The next reference of the branch's day; the sequence row stays locked until the transaction ends. */
    @Transactional(propagation = Propagation.MANDATORY)
    String nextReference(String branchId, LocalDate day) {
        int next = jdbc.sql("""
                insert into voucher_sequences (branch_id, day, last) values (?, ?, 1)
                on conflict (branch_id, day) do update set last = voucher_sequences.last + 1
                returning last
                """)
                .params(branchId, day)
                .query(Integer.class)
                .single();
        return "V-" + branchId + "-" + DAY.format(day) + "-" + String.format("%06d", next);
    }

    @Transactional(propagation = Propagation.MANDATORY)
    RenderedVoucher archive(String reference, Map<String, String> values, UUID customerId, String branchId,
            String tellerId, Instant bookedAt, Instant paidAt) {
        String branchName = jdbc.sql("select name from branches where id = ?").param(branchId).query(String.class)
                .single();
        String customerName = jdbc.sql("select full_name from customers where id = ?").param(customerId)
                .query(String.class).single();
        Voucher voucher = new Voucher(reference, new Label(properties.bankZh(), properties.bankEn()), branchId,
                labelOf(branchName), PAYOUT, values, customerId.toString(), customerName, tellerId, bookedAt, paidAt);
        RenderedVoucher rendered = renderer.getObject().render(voucher);
        jdbc.sql("""
                insert into vouchers (reference, draft_id, customer_id, branch_id, type, teller_id, content_hash, pdf,
                                      created_at)
                values (?, null, ?, ?, ?, ?, ?, ?, ?)
                """)
                .params(reference, customerId, branchId, TYPE, tellerId, rendered.contentHash(), rendered.pdf(),
                        Timestamp.from(paidAt))
                .update();
        log.info("voucher archived reference={} type={} bytes={}", reference, TYPE, rendered.pdf().length);
        return rendered;
    }

    /** A branch name as stored ("Riverside Branch 滨江支行") split into its Chinese and English parts. */
    static Label labelOf(String name) {
        StringBuilder zh = new StringBuilder();
        StringBuilder en = new StringBuilder();
        for (String word : name.strip().split("\\s+")) {
            boolean chinese = word.codePoints().anyMatch(cp -> Character.UnicodeScript.of(cp)
                    == Character.UnicodeScript.HAN);
            StringBuilder part = chinese ? zh : en;
            if (part.length() > 0) {
                part.append(' ');
            }
            part.append(word);
        }
        String english = en.length() > 0 ? en.toString() : name;
        return new Label(zh.length() > 0 ? zh.toString() : english, english);
    }

    private static FieldDefinition field(String name, FieldType type, String zh, String en, FieldRules rules) {
        return new FieldDefinition(name, type, new Label(zh, en), true, false, rules);
    }
}
