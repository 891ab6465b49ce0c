package io.branchlink.channel.loan.internal;

import io.branchlink.channel.bureau.CreditBureau;
import io.branchlink.channel.bureau.CreditBureauUnavailableException;
import io.branchlink.channel.bureau.CreditReport;
import io.branchlink.channel.customer.CustomerPrincipal;
import io.branchlink.channel.ledger.Ledger;
import io.branchlink.channel.ledger.Posting;
import io.branchlink.channel.loan.LoanSchedule;
import io.branchlink.channel.loan.RepaymentMethod;
import io.branchlink.channel.onboarding.ResidentIds;
import io.branchlink.channel.risk.RiskAction;
import io.branchlink.channel.risk.RiskChannel;
import io.branchlink.channel.risk.RiskDecision;
import io.branchlink.channel.risk.RiskEngine;
import io.branchlink.channel.risk.RiskEvent;
import io.branchlink.channel.risk.RiskGate;
import io.branchlink.channel.risk.RiskRequest;
import io.branchlink.channel.system.ApiException;
import io.branchlink.prefill.validation.ResidentIdNumber;
import io.branchlink.protocol.money.Money;
import io.branchlink.protocol.rc.Irc;
import io.micrometer.core.instrument.MeterRegistry;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The credit loan as the customer uses it: apply (credit bureau, scorecard, risk engine), sign the contract (always
 * with the second factor, then sealed by the bank), draw within the limit, and repay early. Scheduled collection,
 * accrual and overdue handling are the end-of-day steps ({@link AccrueLoanInterest}, {@link CollectInstalments}).
 *
 * @see io.branchlink.channel.loan.LoanApplicationIntegrationTests
 * @see io.branchlink.channel.loan.LoanLifecycleIntegrationTests
 */
@Service
public class LoanService {

    private static final Logger log = LoggerFactory.getLogger(LoanService.class);

    private final JdbcClient jdbc;
    private final Ledger ledger;
    private final LoanBook book;
    private final CreditBureau bureau;
    private final RiskGate risk;
    private final RiskEngine engine;
    private final LoanContracts contracts;
    private final ResidentIds residentIds;
    private final LoanProperties properties;
    private final Clock clock;
    private final MeterRegistry meters;
    private final TransactionTemplate transaction;

    LoanService(JdbcClient jdbc, Ledger ledger, LoanBook book, CreditBureau bureau, RiskGate risk, RiskEngine engine,
            LoanContracts contracts, ResidentIds residentIds, LoanProperties properties, Clock clock,
            MeterRegistry meters, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.residentIds = residentIds;
        this.ledger = ledger;
        this.book = book;
        this.bureau = bureau;
        this.risk = risk;
        this.engine = engine;
        this.contracts = contracts;
        this.properties = properties;
        this.clock = clock;
        this.meters = meters;
        this.transaction = new TransactionTemplate(transactions);
    }

    /**
     * Applies for a credit line: the bureau's report on the applicant, the scorecard, and for an approval the risk
     * engine; an approval opens an OFFERED line to sign. The bureau is asked outside any transaction; when it does
     * not answer, nothing is recorded.
     *
     * @param residentId the applicant's resident ID number when the profile holds none, else null (or the same)
     */
    public Application apply(CustomerPrincipal customer, UUID accountId, String residentId, String stepUpId) {
        ownCurrentAccount(customer, accountId);
        String idNumber = residentIdOf(customer, residentId);
        requireNoOpenLine(customer.customerId());
        CreditReport report;
        try {
            report = bureau.report(idNumber);
        } catch (CreditBureauUnavailableException e) {
            refusal("bureau-unavailable");
            throw new ApiException(Irc.HOST_UNREACHABLE, "The credit bureau cannot be reached just now, so the"
                    + " application could not be decided. Nothing was recorded; please try again in a few minutes.");
        }
        Scorecard.Result result = Scorecard.score(report);
        return transaction.execute(status -> {
            lockCustomer(customer.customerId());
            requireNoOpenLine(customer.customerId());
            UUID applicationId = UUID.randomUUID();
            RiskRequest request = null;
            RiskDecision decision = null;
            if (result.approved()) {
                // an application moves no money: the engine is asked without an amount, each drawdown with its own
                request = new RiskRequest(RiskAction.LOAN_APPLICATION, customer.customerId(), customer.deviceId(),
                        accountId, null, null, null, RiskChannel.APP, null);
                decision = risk.check(request, stepUpId);
            }
            Instant now = clock.instant();
            jdbc.sql("""
                    insert into loan_applications (id, customer_id, account_id, status, score, band, limit_amount,
                           annual_rate, currency, reasons, bureau_report_id, bureau_found, history_months,
                           delinquencies_12m, worst_delinquency_days, utilisation, inquiries_6m, risk_decision_id,
                           created_at)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(applicationId, customer.customerId(), accountId,
                            result.approved() ? "APPROVED" : "DECLINED",
                            result.score(), result.approved() ? result.band().name() : null,
                            result.approved() ? result.band().limit : null,
                            result.approved() ? result.band().annualRate : null, properties.currency(),
                            String.join("\n", result.reasons()), report.reportId(), report.found(),
                            report.historyMonths(), report.delinquencies12m(), report.worstDelinquencyDays(),
                            report.utilisation(), report.inquiries6m(), decision == null ? null : decision.id(),
                            Timestamp.from(now))
                    .update();
            meters.counter("branchlink.loan.applications", "result", result.approved() ? "approved" : "declined")
                    .increment();
            if (!result.approved()) {
                log.info("loan application declined application={} customer={} score={}", applicationId,
                        customer.customerId(), result.score());
                return new Application(applicationId, "DECLINED", null, result.reasons(), null);
            }
            UUID loanId = openLine(customer, accountId, applicationId, result.band(), now);
            engine.recordAfterCommit(RiskEvent.of(request, now));
            log.info("loan application approved application={} customer={} score={} band={} loan={}", applicationId,
                    customer.customerId(), result.score(), result.band(), loanId);
            return new Application(applicationId, "APPROVED", result.band().name(), List.of(), loanId);
        });
    }

    private UUID openLine(CustomerPrincipal customer, UUID accountId, UUID applicationId, Scorecard.Band band,
            Instant now) {
        UUID loanId = UUID.randomUUID();
        UUID principalAccount = UUID.randomUUID();
        String reference = "L" + jdbc.sql("select nextval('loan_numbers')").query(Long.class).single();
        jdbc.sql("insert into accounts (id, account_number, kind, side, currency, name)"
                        + " values (?, ?, 'LOAN', 'D', ?, ?)")
                .params(principalAccount, "LOAN-" + reference, properties.currency(), "Loan principal " + reference)
                .update();
        BigDecimal penaltyRate = band.annualRate.multiply(properties.penaltyMarkup()).setScale(6, RoundingMode.HALF_UP);
        jdbc.sql("""
                insert into loans (id, reference, application_id, customer_id, account_id, principal_account_id, status,
                                   limit_amount, annual_rate, penalty_rate, currency, offered_at)
                values (?, ?, ?, ?, ?, ?, 'OFFERED', ?, ?, ?, ?, ?)""")
                .params(loanId, reference, applicationId, customer.customerId(), accountId, principalAccount,
                        band.limit, band.annualRate, penaltyRate, properties.currency(), Timestamp.from(now))
                .update();
        return loanId;
    }

    /**
     * Signs an offered line's contract: the customer's second factor always ({@link RiskGate#confirm}), then the
     * contract is rendered, sealed by the bank and archived, and the line becomes ACTIVE.
     */
    public Loan sign(CustomerPrincipal customer, UUID loanId, String stepUpId) {
        transaction.executeWithoutResult(status -> {
            Loan loan = lockOwn(customer, loanId);
            if (!"OFFERED".equals(loan.status())) {
                throw refused("already-signed", new ApiException(Irc.CONFLICT, "This contract is already signed."));
            }
            RiskRequest request = new RiskRequest(RiskAction.LOAN_APPLICATION, customer.customerId(),
                    customer.deviceId(), loan.accountId(), Money.ofMinor(loan.limitAmount(), loan.currency()),
                    "contract:" + loan.reference(), null, RiskChannel.APP, null);
            RiskDecision decision = risk.confirm(request, stepUpId);
            Instant now = clock.instant();
            contracts.sign(loan, customerName(customer.customerId()), stepUpId, decision.id(), now);
            jdbc.sql("update loans set status = 'ACTIVE', signed_at = ? where id = ? and status = 'OFFERED'")
                    .params(Timestamp.from(now), loanId).update();
            log.info("loan contract signed loan={} customer={} decision={}", loan.reference(), customer.customerId(),
                    decision.id());
        });
        return find(customer, loanId);
    }

    /**
     * Draws on an active line to the customer's account, with its own schedule; idempotent on the key.
     *
     * @return the drawdown, and whether it was drawn before under the same key
     */
    public Outcome<UUID> draw(CustomerPrincipal customer, UUID loanId, Money amount, int termMonths,
            RepaymentMethod method, String idempotencyKey, String stepUpId) {
        String hash = hash("draw", amount.toString(), Integer.toString(termMonths), method.name());
        return transaction.execute(status -> {
            Loan loan = lockOwn(customer, loanId);
            Optional<UUID> replayed = replay("loan_drawdowns", loanId, idempotencyKey, hash);
            if (replayed.isPresent()) {
                return new Outcome<>(replayed.get(), true);
            }
            if (!"ACTIVE".equals(loan.status())) {
                throw refused("not-signed", new ApiException(Irc.INVALID_TRANSACTION, "OFFERED".equals(loan.status())
                        ? "Sign the contract before drawing on the credit line." : "This credit line is closed."));
            }
            requireAmount(amount, loan.currency());
            if (amount.minorUnits() < Money.of(properties.minimumDrawdown(), loan.currency()).minorUnits()) {
                throw refused("below-minimum", new ApiException(Irc.INVALID_AMOUNT, "The smallest drawdown is "
                        + Money.of(properties.minimumDrawdown(), loan.currency()) + "."));
            }
            if (!properties.termsMonths().contains(termMonths)) {
                throw refused("term", new ApiException(Irc.FORMAT_ERROR, "termMonths is one of "
                        + properties.termsMonths() + "."));
            }
            long available = loan.limitAmount() - loan.outstanding();
            if (amount.minorUnits() > available) {
                throw refused("over-limit", new ApiException(Irc.EXCEEDS_LIMIT, "This is more than the "
                        + Money.ofMinor(available, loan.currency()) + " available on the credit line."));
            }
            RiskRequest request = new RiskRequest(RiskAction.LOAN_DRAWDOWN, customer.customerId(),
                    customer.deviceId(), loan.accountId(), amount, "loan:" + loan.reference(), null, RiskChannel.APP,
                    null);
            risk.check(request, stepUpId);
            LocalDate today = today();
            int number = jdbc.sql("select coalesce(max(number), 0) + 1 from loan_drawdowns where loan_id = ?")
                    .param(loanId).query(Integer.class).single();
            UUID entry = ledger.post("LOAN_DRAWDOWN", loan.reference() + "/" + number, loan.currency(), List.of(
                    Posting.debit(loan.principalAccountId(), amount.minorUnits()),
                    Posting.credit(loan.accountId(), amount.minorUnits())));
            UUID drawdownId = UUID.randomUUID();
            jdbc.sql("""
                    insert into loan_drawdowns (id, loan_id, number, amount, method, term_months, annual_rate, drawn_on,
                           outstanding, status, accrued_through, base_date, base_principal, idempotency_key,
                           request_hash, entry_id, created_at)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, 'ACTIVE', ?, ?, ?, ?, ?, ?, ?)""")
                    .params(drawdownId, loanId, number, amount.minorUnits(), method.name(), termMonths,
                            loan.annualRate(), today, amount.minorUnits(), today, today, amount.minorUnits(),
                            idempotencyKey, hash, entry, Timestamp.from(clock.instant()))
                    .update();
            book.schedule(drawdownId, LoanSchedule.monthly(method, amount.minorUnits(), loan.annualRate(), today,
                    termMonths));
            jdbc.sql("update loans set disbursed = disbursed + ?, outstanding = outstanding + ? where id = ?")
                    .params(amount.minorUnits(), amount.minorUnits(), loanId).update();
            engine.recordAfterCommit(RiskEvent.of(request, clock.instant()));
            meters.counter("branchlink.loan.drawdowns").increment();
            log.info("loan drawn loan={} drawdown={} amount={} term={} method={}", loan.reference(), number, amount,
                    termMonths, method);
            return new Outcome<>(drawdownId, false);
        });
    }

    /**
     * Repays a drawdown early from the customer's account: everything ({@code full}), or {@code amount}, which pays
     * the penalty and interest accrued first and then principal (re-amortising the rest of the schedule over the
     * same due dates). Idempotent on the key.
     */
    public Outcome<UUID> repay(CustomerPrincipal customer, UUID loanId, UUID drawdownId, Money amount, boolean full,
            String idempotencyKey) {
        String hash = hash("repay", drawdownId.toString(), full ? "full" : amount.toString());
        return transaction.execute(status -> {
            Loan loan = lockOwn(customer, loanId);
            Optional<UUID> replayed = replay("loan_repayments", loanId, idempotencyKey, hash);
            if (replayed.isPresent()) {
                return new Outcome<>(replayed.get(), true);
            }
            LoanBook.Drawdown d = book.lock(drawdownId).filter(x -> x.loanId().equals(loanId))
                    .orElseThrow(() -> ApiException.notFound("Drawdown"));
            if (!"ACTIVE".equals(d.status())) {
                throw refused("repaid", new ApiException(Irc.CONFLICT, "This drawdown is already repaid."));
            }
            LocalDate today = today();
            d = book.accrue(d, today.minusDays(1));
            long charges = d.interestReceivable() + d.penaltyReceivable();
            long principal;
            if (full) {
                principal = d.outstanding();
            } else {
                requireAmount(amount, loan.currency());
                principal = amount.minorUnits() - charges;
                if (principal < 0 || principal > d.outstanding()) {
                    throw refused("repay-amount", new ApiException(Irc.INVALID_AMOUNT, "An early repayment of this"
                            + " drawdown is between " + Money.ofMinor(charges + 1, loan.currency()) + " (the interest"
                            + " and penalty accrued, and some principal) and "
                            + Money.ofMinor(charges + d.outstanding(), loan.currency()) + " (everything owed)."));
                }
                if (principal == 0) {
                    throw refused("repay-amount", new ApiException(Irc.INVALID_AMOUNT, "An early repayment is more"
                            + " than the " + Money.ofMinor(charges, loan.currency()) + " of interest and penalty"
                            + " accrued."));
                }
            }
            long total = principal + charges;
            long available = ledger.find(loan.accountId()).orElseThrow().available();
            if (available < total) {
                throw refused("funds", new ApiException(Irc.NOT_SUFFICIENT_FUNDS, "The repayment account's available"
                        + " balance is lower than " + Money.ofMinor(total, loan.currency()) + "."));
            }
            UUID repaymentId = book.repay(d, "EARLY", today, principal, idempotencyKey, hash);
            meters.counter("branchlink.loan.repayments", "kind", full ? "full" : "partial").increment();
            log.info("loan repaid early loan={} drawdown={} principal={} charges={} full={}", loan.reference(),
                    d.number(), Money.ofMinor(principal, loan.currency()), Money.ofMinor(charges, loan.currency()),
                    full);
            return new Outcome<>(repaymentId, false);
        });
    }

    public List<Loan> list(CustomerPrincipal customer) {
        return jdbc.sql("select " + Loan.COLUMNS + " from loans where customer_id = ? order by offered_at desc")
                .param(customer.customerId()).query(Loan.class).list();
    }

    public Loan find(CustomerPrincipal customer, UUID loanId) {
        return jdbc.sql("select " + Loan.COLUMNS + " from loans where id = ? and customer_id = ?")
                .params(loanId, customer.customerId()).query(Loan.class).optional()
                .orElseThrow(() -> ApiException.notFound("Loan"));
    }

    public List<LoanBook.Drawdown> drawdowns(UUID loanId) {
        return jdbc.sql("select " + LoanBook.Drawdown.COLUMNS
                        + " from loan_drawdowns d join loans l on l.id = d.loan_id"
                        + " where d.loan_id = ? order by d.number")
                .param(loanId).query(LoanBook.Drawdown.class).list();
    }

    public List<LoanBook.Instalment> instalments(UUID drawdownId) {
        return jdbc.sql("select " + LoanBook.Instalment.COLUMNS + " from loan_instalments where drawdown_id = ?"
                        + " order by number")
                .param(drawdownId).query(LoanBook.Instalment.class).list();
    }

    /** A repayment, as the customer's call that made it is answered. */
    public Repayment repayment(UUID repaymentId) {
        return jdbc.sql("""
                select r.id, r.drawdown_id, r.kind, r.business_date, r.principal, r.interest, r.penalty, l.currency
                  from loan_repayments r join loans l on l.id = r.loan_id where r.id = ?""")
                .param(repaymentId).query(Repayment.class).single();
    }

    /** The sealed contract of the customer's line. */
    public byte[] contract(CustomerPrincipal customer, UUID loanId) {
        Loan loan = find(customer, loanId);
        return contracts.pdf(loan.id()).orElseThrow(() -> new ApiException(Irc.NOT_FOUND,
                "This credit line has no signed contract yet."));
    }

    /** The business date in the bank's zone. */
    LocalDate today() {
        return LocalDate.now(clock.withZone(properties.zone()));
    }

    private Optional<UUID> replay(String table, UUID loanId, String key, String hash) {
        Optional<Replay> earlier = jdbc.sql("select id, request_hash from " + table
                        + " where loan_id = ? and idempotency_key = ?")
                .params(loanId, key).query(Replay.class).optional();
        if (earlier.isEmpty()) {
            return Optional.empty();
        }
        if (!earlier.get().requestHash().equals(hash)) {
            throw refused("key-reused", new ApiException(Irc.DUPLICATE,
                    "This Idempotency-Key was used for a different request."));
        }
        meters.counter("branchlink.loan.replays", "table", table).increment();
        return Optional.of(earlier.get().id());
    }

    private Loan lockOwn(CustomerPrincipal customer, UUID loanId) {
        return jdbc.sql("select " + Loan.COLUMNS + " from loans where id = ? and customer_id = ? for update")
                .params(loanId, customer.customerId()).query(Loan.class).optional()
                .orElseThrow(() -> ApiException.notFound("Loan"));
    }

    private void ownCurrentAccount(CustomerPrincipal customer, UUID accountId) {
        boolean own = jdbc.sql("""
                select count(*) from accounts
                 where id = ? and customer_id = ? and kind = 'CUSTOMER' and product = 'CURRENT' and status = 'OPEN'
                   and currency = ?""")
                .params(accountId, customer.customerId(), properties.currency()).query(Integer.class).single() == 1;
        if (!own) {
            throw ApiException.notFound("Account");
        }
    }

    private String residentIdOf(CustomerPrincipal customer, String given) {
        String stored = jdbc.sql("select id_number from customers where id = ?").param(customer.customerId())
                .query(String.class).optional().orElse(null);
        if (stored != null) {
            if (given != null && !given.equalsIgnoreCase(stored)) {
                throw refused("resident-id-mismatch", new ApiException(Irc.INVALID_TRANSACTION,
                        "residentId differs from the ID number on your profile; leave it out."));
            }
            return stored;
        }
        if (given == null) {
            throw refused("resident-id-missing", new ApiException(Irc.MISSING_FIELD,
                    "Your profile has no ID number: send residentId."));
        }
        if (ResidentIdNumber.check(given, today()).isPresent()) {
            throw refused("resident-id-invalid", new ApiException(Irc.FORMAT_ERROR,
                    "residentId is not a valid resident ID number."));
        }
        // a customer who opened their account from the app proved one number then: only that one is theirs
        if (residentIds.onFile(customer.customerId()) && !residentIds.matches(customer.customerId(), given)) {
            throw refused("resident-id-mismatch", new ApiException(Irc.INVALID_TRANSACTION,
                    "residentId is not the ID number you opened your account with."));
        }
        return given.toUpperCase(java.util.Locale.ROOT);
    }

    private void requireNoOpenLine(UUID customerId) {
        jdbc.sql("select reference from loans where customer_id = ? and status in ('OFFERED', 'ACTIVE')")
                .param(customerId).query(String.class).optional().ifPresent(reference -> {
                    throw refused("open-line", new ApiException(Irc.CONFLICT,
                            "You already have a credit line (" + reference + ")."));
                });
    }

    private void requireAmount(Money amount, String currency) {
        if (amount == null || !amount.isPositive() || !amount.currencyCode().equals(currency)) {
            throw refused("amount", new ApiException(Irc.INVALID_AMOUNT,
                    "The amount must be a positive amount in " + currency + "."));
        }
    }

    private String customerName(UUID customerId) {
        return jdbc.sql("select full_name from customers where id = ?").param(customerId).query(String.class).single();
    }

    private void lockCustomer(UUID customerId) {
        jdbc.sql("select id from customers where id = ? for update").param(customerId).query(UUID.class).single();
    }

    private ApiException refused(String reason, ApiException refusal) {
        refusal(reason);
        log.info("loan request refused reason={} irc={}", reason, refusal.irc());
        return refusal;
    }

    private void refusal(String reason) {
        meters.counter("branchlink.loan.refusals", "reason", reason).increment();
    }

    /** SHA-256 (hex) of the request's fields, one per line: what a replayed key must match. */
    static String hash(String... fields) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(String.join("\n", fields).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** An application's outcome; {@code loanId} is the offered line of an approval. */
    public record Application(UUID id, String status, String band, List<String> reasons, UUID loanId) {
    }

    public record Repayment(UUID id, UUID drawdownId, String kind, LocalDate businessDate, long principal,
            long interest, long penalty, String currency) {
    }

    /** A result and whether it is the answer to an earlier request with the same idempotency key. */
    public record Outcome<T>(T value, boolean replayed) {
    }

    private record Replay(UUID id, String requestHash) {
    }

    /** A credit line as stored. */
    public record Loan(UUID id, String reference, UUID applicationId, UUID customerId, UUID accountId,
            UUID principalAccountId, String status, long limitAmount, BigDecimal annualRate, BigDecimal penaltyRate,
            String currency, long disbursed, long repaidPrincipal, long outstanding, long interestAccrued,
            long interestPaid, long penaltyAccrued, long penaltyPaid, Instant offeredAt, Instant signedAt) {

        static final String COLUMNS = "id, reference, application_id, customer_id, account_id, principal_account_id,"
                + " status, limit_amount, annual_rate, penalty_rate, currency, disbursed, repaid_principal,"
                + " outstanding,"
                + " interest_accrued, interest_paid, penalty_accrued, penalty_paid, offered_at, signed_at";

        public long available() {
            return "ACTIVE".equals(status) ? limitAmount - outstanding : 0;
        }
    }
}
