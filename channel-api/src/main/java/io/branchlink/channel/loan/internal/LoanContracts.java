package io.branchlink.channel.loan.internal;

import io.branchlink.channel.loan.LoanSchedule;
import io.branchlink.channel.loan.RepaymentMethod;
import io.branchlink.channel.risk.RiskGate;
import io.branchlink.channel.seal.BankSeal;
import io.branchlink.prefill.voucher.TextDocument;
import io.branchlink.prefill.voucher.VoucherFont;
import io.branchlink.protocol.money.Money;
import java.math.BigDecimal;
import java.math.RoundingMode;
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
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Renders a credit line's contract (the terms, the schedule formulas, an example schedule, the penalty and the
 * customer's consent), seals it with the bank's key ({@link BankSeal}, the signing step-up's proof written into
 * the sealed content) and archives the sealed bytes with their
 * SHA-256 in {@code loan_contracts}.
 */
@Component
class LoanContracts {

    private static final Logger log = LoggerFactory.getLogger(LoanContracts.class);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss xxx");

    /** The example of the contract: 10,000.00 drawn over 12 months with equal instalments. */
    static final long EXAMPLE_AMOUNT = 10_000_00L;
    static final int EXAMPLE_MONTHS = 12;

    private final JdbcClient jdbc;
    private final BankSeal seal;
    private final RiskGate risk;
    private final LoanProperties properties;

    LoanContracts(JdbcClient jdbc, BankSeal seal, RiskGate risk, LoanProperties properties) {
        this.jdbc = jdbc;
        this.seal = seal;
        this.risk = risk;
        this.properties = properties;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    void sign(LoanService.Loan loan, String customerName, String stepUpId, UUID decisionId, Instant signedAt) {
        byte[] pdf = render(loan, customerName, stepUpId, signedAt);
        byte[] sealed = seal.seal(pdf, "Loan contract " + loan.reference(), properties.bankName(),
                consent(stepUpId, decisionId), signedAt).pdf();
        String hash = sha256(sealed);
        jdbc.sql("""
                insert into loan_contracts (loan_id, content_hash, pdf, step_up_id, risk_decision_id, signed_at)
                values (?, ?, ?, ?, ?, ?)""")
                .params(loan.id(), hash, sealed, stepUpId, decisionId, Timestamp.from(signedAt))
                .update();
        log.info("loan contract sealed loan={} bytes={} sha256={}", loan.reference(), sealed.length,
                hash.substring(0, 16));
    }

    /**
     * The customer's consent as the sealed contract carries it: the proof of the step-up they passed to sign (its
     * id, the factor, when, and the hash of the signing request they approved) and the risk decision.
     */
    Map<String, String> consent(String stepUpId, UUID decisionId) {
        RiskGate.StepUpProof proof = risk.proof(stepUpId).orElseThrow(() -> new IllegalStateException(
                "the contract's step-up " + stepUpId.substring(0, 8) + "… was not verified"));
        Map<String, String> consent = new LinkedHashMap<>();
        consent.put("kind", "STEP_UP");
        consent.put("stepUpId", proof.stepUpId());
        consent.put("method", proof.factor());
        consent.put("verifiedAt", proof.verifiedAt().toString());
        consent.put("action", proof.action().name());
        consent.put("requestSha256", proof.requestSha256());
        consent.put("riskDecision", decisionId.toString());
        return consent;
    }

    Optional<byte[]> pdf(UUID loanId) {
        return jdbc.sql("select pdf from loan_contracts where loan_id = ?").param(loanId).query(byte[].class)
                .optional();
    }

    byte[] render(LoanService.Loan loan, String customerName, String stepUpId, Instant signedAt) {
        String currency = loan.currency();
        LocalDate day = signedAt.atZone(properties.zone()).toLocalDate();
        List<LoanSchedule.Instalment> example = LoanSchedule.monthly(RepaymentMethod.EQUAL_INSTALMENT, EXAMPLE_AMOUNT,
                loan.annualRate(), day, EXAMPLE_MONTHS);
        TextDocument.Builder document = TextDocument.builder("Loan contract " + loan.reference(), signedAt)
                .heading(properties.bankName(), 15)
                .heading("个人信用贷款合同 Personal credit loan contract", 14)
                .row("合同编号 / Contract", loan.reference())
                .row("借款人 / Borrower", customerName)
                .row("客户号 / Customer id", loan.customerId().toString())
                .row("授信额度 / Credit limit", money(loan.limitAmount(), currency) + " (循环 revolving)")
                .row("年利率 / Annual rate", percent(loan.annualRate()) + " (单利 simple, 实际天数/365 actual/365)")
                .row("罚息 / Penalty interest", "+" + percent(loan.penaltyRate()) + " a year on overdue principal")
                .row("期限 / Terms", properties.termsMonths() + " months per drawdown")
                .heading("条款 Terms", 12)
                .paragraph("1. 借款人可在授信额度内多次提款，已归还的本金恢复可用额度。 The borrower may draw several times"
                        + " within the credit limit; repaid principal can be drawn again.")
                .paragraph("2. 每笔提款按月还款，可选等额本息或等额本金；利息按日计提，按实际天数/365计算。 Each drawdown"
                        + " is repaid monthly, in equal instalments or with equal principal; interest accrues daily"
                        + " on the outstanding principal, actual/365.")
                .paragraph("3. 还款日从还款账户自动扣款；逾期本金按合同利率加收罚息，并以短信提醒。 Instalments are"
                        + " collected from the repayment account on their due dates; overdue principal bears penalty"
                        + " interest on top of the contract rate, and the borrower is reminded by SMS.")
                .paragraph("4. 借款人可随时提前还款（部分或全部），不收取违约金。 The borrower may repay early, in part or"
                        + " in full, at any time, without a fee.")
                .heading("示例 Example: " + money(EXAMPLE_AMOUNT, currency) + ", " + EXAMPLE_MONTHS
                        + " months, equal instalments", 12)
                .tableRow(true, "期次 No.", "还款日 Due", "本金 Principal", "利息 Interest", "合计 Total");
        for (LoanSchedule.Instalment i : example) {
            document.tableRow(false, Integer.toString(i.number()), i.dueDate().toString(),
                    money(i.principal(), currency), money(i.interest(), currency), money(i.total(), currency));
        }
        long interest = example.stream().mapToLong(LoanSchedule.Instalment::interest).sum();
        document.row("利息合计 / Total interest", money(interest, currency))
                .heading("签署 Consent", 12)
                .row("签署时间 / Signed at", TIME.format(signedAt.atZone(properties.zone())))
                .row("确认方式 / Confirmed with", "second factor on the bound phone, step-up "
                        + stepUpId.substring(0, 8) + "…")
                .paragraph("本合同由借款人以第二认证因素确认，并由银行加盖电子印章（PDF签名）。 The borrower consented with"
                        + " their second factor; the bank sealed this contract with its electronic seal (a PDF"
                        + " signature), which any PDF reader can verify.");
        return document.build().render(VoucherFont.require());
    }

    private static String money(long minor, String currency) {
        return Money.ofMinor(minor, currency).toString();
    }

    private static String percent(BigDecimal rate) {
        return rate.movePointRight(2).setScale(2, RoundingMode.HALF_UP).toPlainString() + "%";
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
