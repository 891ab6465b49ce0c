package io.branchlink.channel.form;

import io.branchlink.channel.cashbooking.PayoutVoucherArchive;
import io.branchlink.channel.seal.BankSeal;
import io.branchlink.prefill.catalog.FormDefinition;
import io.branchlink.prefill.catalog.Label;
import io.branchlink.prefill.voucher.RenderedVoucher;
import io.branchlink.prefill.voucher.Voucher;
import io.branchlink.prefill.voucher.VoucherRenderer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Numbers, renders and archives vouchers: reference {@code V-{branch}-{yyyyMMdd}-{6-digit daily sequence}} (the
 * branch's day in the branches' zone), the PDF sealed by the bank with the customer's consent in it, and its content
 * hash, kept in {@code vouchers}. Large-cash payouts archive theirs here too ({@link PayoutVoucherArchive}).
 */
@Component
class VoucherArchive implements PayoutVoucherArchive {

    private static final Logger log = LoggerFactory.getLogger(VoucherArchive.class);
    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;

    private final JdbcClient jdbc;
    private final ObjectProvider<VoucherRenderer> renderer;
    private final FormsProperties properties;
    private final BankSeal seal;

    VoucherArchive(JdbcClient jdbc, ObjectProvider<VoucherRenderer> renderer, FormsProperties properties,
            BankSeal seal) {
        this.jdbc = jdbc;
        this.renderer = renderer;
        this.properties = properties;
        this.seal = seal;
    }

    /**
     * The consent a counter voucher carries: the customer's submission of the form (the form, the SHA-256 of its
     * FORM token, when it was submitted) and the teller's confirmation (its id, teller, terminal and time), and,
     * where the risk engine asked for a step-up, the decision and how it was satisfied (the teller's ID check).
     *
     * @param tokenId the form's FORM token id, kept out of the document: only its SHA-256 is written
     * @param steppedUp the execution result's risk decision and second factor, or empty
     */
    static Map<String, String> consent(UUID draftId, String tokenId, Instant submittedAt, String confirmationId,
            String tellerId, String terminalId, Instant confirmedAt, Map<String, String> steppedUp) {
        Map<String, String> consent = new LinkedHashMap<>();
        consent.put("kind", "FORM_SUBMISSION");
        consent.put("formId", draftId.toString());
        consent.put("formTokenSha256", sha256(tokenId));
        consent.put("submittedAt", submittedAt.toString());
        consent.put("confirmationId", printable(confirmationId));
        consent.put("tellerId", printable(tellerId));
        consent.put("terminalId", printable(terminalId));
        consent.put("confirmedAt", confirmedAt.toString());
        steppedUp.forEach(consent::put);
        return consent;
    }

    /** An id as the hub sent it when it is 1-64 printable ASCII characters, else its SHA-256 (the alphabet). */
    private static String printable(String id) {
        return id != null && id.matches("[\\x21-\\x7E]{1,64}") ? id : "sha256:" + sha256(String.valueOf(id));
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** The next reference of the branch's day; the counter row stays locked until the transaction ends. */
    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public String nextReference(String branchId, LocalDate day) {
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

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public RenderedVoucher archivePayout(String reference, FormDefinition form, Map<String, String> values,
            UUID customerId, String branchId, String tellerId, Instant bookedAt, Instant paidAt,
            Map<String, String> consent) {
        Map<String, String> printable = new LinkedHashMap<>();
        consent.forEach((field, value) -> printable.put(field, printable(value)));
        return archive(reference, null, form, values, customerId, branchId, tellerId, bookedAt, paidAt, printable);
    }

    /**
     * Renders the voucher, writes the customer's consent into it and seals it with the bank's key
     * ({@link BankSeal}), so the seal covers the consent, and archives the sealed PDF.
     *
     * @param consent what the customer consented with: see {@link #consent}
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public RenderedVoucher archive(String reference, UUID draftId, FormDefinition form, Map<String, String> values,
            UUID customerId, String branchId, String tellerId, Instant submittedAt, Instant confirmedAt,
            Map<String, String> consent) {
        Branch branch = jdbc.sql("select id, name from branches where id = ?").param(branchId).query(Branch.class)
                .single();
        String customerName = jdbc.sql("select full_name from customers where id = ?").param(customerId)
                .query(String.class).single();
        Map<String, String> present = new LinkedHashMap<>();
        values.forEach((name, value) -> {
            if (value != null && !value.isBlank() && form.field(name).isPresent()) {
                present.put(name, value);
            }
        });
        Voucher voucher = new Voucher(reference, new Label(properties.bankZh(), properties.bankEn()), branch.id(),
                labelOf(branch.name()), form, present, customerId.toString(), customerName, tellerId, submittedAt,
                confirmedAt);
        RenderedVoucher unsealed = renderer.getObject().render(voucher);
        BankSeal.Sealed sealed = seal.seal(unsealed.pdf(), "Voucher " + reference, properties.bankEn(), consent,
                confirmedAt);
        RenderedVoucher rendered = new RenderedVoucher(reference, unsealed.contentHash(), sealed.pdf());
        jdbc.sql("""
                insert into vouchers (reference, draft_id, customer_id, branch_id, type, teller_id, content_hash, pdf,
                                      created_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
                .params(reference, draftId, customerId, branchId, form.type(), tellerId, rendered.contentHash(),
                        rendered.pdf(), Timestamp.from(confirmedAt))
                .update();
        log.info("voucher archived reference={} type={} bytes={} sealKey={}", reference, form.type(),
                rendered.pdf().length, sealed.keyId());
        return rendered;
    }

    @Transactional(readOnly = true)
    public Optional<Stored> find(String reference) {
        return jdbc.sql("""
                select reference, draft_id, customer_id, branch_id, type, teller_id, content_hash, pdf, created_at
                  from vouchers where reference = ?
                """)
                .param(reference)
                .query(Stored.class)
                .optional();
    }

    @Transactional(readOnly = true)
    public List<FormApi.VoucherSummary> of(UUID customerId) {
        return jdbc.sql("""
                select reference, draft_id, type, branch_id, teller_id, content_hash, length(pdf) as size_bytes,
                       created_at
                  from vouchers where customer_id = ? order by created_at desc, reference desc limit 100
                """)
                .param(customerId)
                .query(FormApi.VoucherSummary.class)
                .list();
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

    record Stored(String reference, UUID draftId, UUID customerId, String branchId, String type, String tellerId,
            String contentHash, byte[] pdf, Instant createdAt) {
    }

    private record Branch(String id, String name) {
    }
}
