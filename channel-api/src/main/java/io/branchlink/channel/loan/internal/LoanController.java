package io.branchlink.channel.loan.internal;

import io.branchlink.channel.customer.CustomerPrincipal;
import io.branchlink.channel.loan.RepaymentMethod;
import io.branchlink.channel.system.ApiException;
import io.branchlink.protocol.money.Money;
import io.branchlink.protocol.rc.Irc;
import io.micrometer.core.instrument.MeterRegistry;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The mobile app's credit loan: apply, sign, draw, repay early, and see the line, its schedules and contract. */
@RestController
@RequestMapping("/api/v1/loans")
@Tag(name = "Credit loan")
class LoanController {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    static final String REPLAYED = "Idempotent-Replayed";
    private static final java.util.regex.Pattern KEY = java.util.regex.Pattern.compile("[A-Za-z0-9_-]{8,64}");
    private static final String STEP_UP_ID_PATTERN = "[A-Za-z0-9_-]{43}";
    private static final String RESIDENT_ID_PATTERN = "[0-9]{17}[0-9Xx]";

    private static final Logger log = LoggerFactory.getLogger(LoanController.class);

    private final LoanService loans;
    private final MeterRegistry meters;

    LoanController(LoanService loans, MeterRegistry meters) {
        this.loans = loans;
        this.meters = meters;
    }

    @PostMapping("/applications")
    @Operation(summary = "Apply for a credit line", description = "Asks the credit bureau for the applicant's report"
            + " (by the ID number on the profile, or residentId when the profile has none), scores it and, for an"
            + " approval, asks the risk engine. 201 with status APPROVED (band, and the OFFERED line with its limit,"
            + " rate and an example schedule: sign it next) or DECLINED (reasons safe to show). 503 HOST_UNREACHABLE"
            + " when the bureau does not answer: nothing is recorded. 409 CONFLICT when a line is already open."
            + " 403 RISK_DECLINED / STEP_UP_REQUIRED as for cardless staging (send again with stepUpId).")
    ResponseEntity<ApplicationView> apply(@AuthenticationPrincipal CustomerPrincipal customer,
            @Valid @RequestBody ApplicationRequest request) {
        LoanService.Application application = loans.apply(customer, request.accountId(), request.residentId(),
                request.stepUpId());
        LoanView loan = application.loanId() == null ? null : view(customer, application.loanId());
        return ResponseEntity.status(HttpStatus.CREATED).cacheControl(CacheControl.noStore())
                .body(new ApplicationView(application.id(), application.status(), application.band(),
                        application.reasons(), loan));
    }

    @GetMapping
    @Operation(summary = "The customer's credit lines")
    List<LoanView> list(@AuthenticationPrincipal CustomerPrincipal customer) {
        return loans.list(customer).stream().map(loan -> view(loan, List.of())).toList();
    }

    @GetMapping("/{loanId}")
    @Operation(summary = "A credit line with its drawdowns and their schedules")
    LoanView find(@AuthenticationPrincipal CustomerPrincipal customer, @PathVariable UUID loanId) {
        return view(customer, loanId);
    }

    @PostMapping("/{loanId}/signature")
    @Operation(summary = "Sign the contract", description = "Always needs the customer's second factor: the first"
            + " call answers 403 STEP_UP_REQUIRED with stepUp {id, factors, expiresAt}; pass it at"
            + " /api/v1/step-ups/{id} and send again with stepUpId. The contract is then rendered, sealed by the bank"
            + " (a PDF signature) and archived, and the line becomes ACTIVE. 409 when already signed.")
    LoanView sign(@AuthenticationPrincipal CustomerPrincipal customer, @PathVariable UUID loanId,
            @Valid @RequestBody(required = false) SignRequest request) {
        loans.sign(customer, loanId, request == null ? null : request.stepUpId());
        return view(customer, loanId);
    }

    @GetMapping(value = "/{loanId}/contract", produces = MediaType.APPLICATION_PDF_VALUE)
    @Operation(summary = "The signed contract, sealed by the bank (PDF)", description = "404 for another customer's"
            + " line and for a line not signed yet.")
    ResponseEntity<byte[]> contract(@AuthenticationPrincipal CustomerPrincipal customer, @PathVariable UUID loanId) {
        LoanView loan = view(customer, loanId);
        byte[] pdf = loans.contract(customer, loanId);
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF).cacheControl(CacheControl.noStore())
                .header("Content-Disposition", ContentDisposition.inline()
                        .filename("contract-" + loan.reference() + ".pdf").build().toString())
                .body(pdf);
    }

    @PostMapping("/{loanId}/drawdowns")
    @Operation(summary = "Draw on the credit line", description = "Pays amount into the repayment account, with its"
            + " own monthly schedule (termMonths, method EQUAL_INSTALMENT or EQUAL_PRINCIPAL). Idempotency-Key (8-64"
            + " of A-Z a-z 0-9 _ -) is required: the same key and body answer the first result again (header"
            + " Idempotent-Replayed: true) and move no money; the same key with another body is 409 DUPLICATE. 422"
            + " INVALID_TRANSACTION before the contract is signed, 422 EXCEEDS_LIMIT above the available limit. The"
            + " risk engine is asked (403 RISK_DECLINED / STEP_UP_REQUIRED, then send again with stepUpId).")
    ResponseEntity<DrawdownView> draw(@AuthenticationPrincipal CustomerPrincipal customer, @PathVariable UUID loanId,
            @Parameter(description = "8-64 of A-Z a-z 0-9 _ -, one per distinct drawdown")
            @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String idempotencyKey,
            @Valid @RequestBody DrawdownRequest request) {
        String key = key(idempotencyKey);
        Money amount = parse(request.amount(), request.currency());
        LoanService.Outcome<UUID> outcome = loans.draw(customer, loanId, amount, request.termMonths(),
                request.method(), key, request.stepUpId());
        DrawdownView drawdown = view(customer, loanId).drawdowns().stream()
                .filter(d -> d.id().equals(outcome.value())).findFirst().orElseThrow();
        return ResponseEntity.status(HttpStatus.CREATED).cacheControl(CacheControl.noStore())
                .header(REPLAYED, Boolean.toString(outcome.replayed())).body(drawdown);
    }

    @PostMapping("/{loanId}/repayments")
    @Operation(summary = "Repay a drawdown early", description = "full=true repays everything owed on the drawdown;"
            + " otherwise amount pays the interest and penalty accrued first, then principal (the rest of the"
            + " schedule is re-amortised over the same due dates). From the repayment account; 422"
            + " NOT_SUFFICIENT_FUNDS when its available balance is short. Idempotency-Key as for drawdowns.")
    ResponseEntity<RepaymentView> repay(@AuthenticationPrincipal CustomerPrincipal customer, @PathVariable UUID loanId,
            @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String idempotencyKey,
            @Valid @RequestBody RepaymentRequest request) {
        String key = key(idempotencyKey);
        boolean full = Boolean.TRUE.equals(request.full());
        if (full == (request.amount() != null)) {
            throw refused("repay-body", new ApiException(Irc.FORMAT_ERROR, "Send either full=true or an amount."));
        }
        Money amount = full ? null : parse(request.amount(), request.currency());
        LoanService.Outcome<UUID> outcome = loans.repay(customer, loanId, request.drawdownId(), amount, full, key);
        LoanService.Repayment r = loans.repayment(outcome.value());
        RepaymentView repayment = new RepaymentView(r.id(), r.drawdownId(), r.kind(), r.businessDate(),
                decimal(r.principal(), r.currency()), decimal(r.interest(), r.currency()),
                decimal(r.penalty(), r.currency()), decimal(r.principal() + r.interest() + r.penalty(), r.currency()),
                r.currency());
        return ResponseEntity.status(HttpStatus.CREATED).cacheControl(CacheControl.noStore())
                .header(REPLAYED, Boolean.toString(outcome.replayed())).body(repayment);
    }

    private LoanView view(CustomerPrincipal customer, UUID loanId) {
        LoanService.Loan loan = loans.find(customer, loanId);
        List<DrawdownView> drawdowns = loans.drawdowns(loanId).stream().map(d -> DrawdownView.of(d,
                loans.instalments(d.id()))).toList();
        return view(loan, drawdowns);
    }

    private LoanView view(LoanService.Loan loan, List<DrawdownView> drawdowns) {
        String currency = loan.currency();
        List<InstalmentView> example = "OFFERED".equals(loan.status())
                ? io.branchlink.channel.loan.LoanSchedule.monthly(RepaymentMethod.EQUAL_INSTALMENT,
                        LoanContracts.EXAMPLE_AMOUNT, loan.annualRate(), loans.today(), LoanContracts.EXAMPLE_MONTHS)
                        .stream().map(i -> new InstalmentView(i.number(), i.dueDate(), decimal(i.principal(), currency),
                                decimal(i.interest(), currency), null, null, null, "EXAMPLE")).toList()
                : List.of();
        return new LoanView(loan.id(), loan.reference(), loan.status(), decimal(loan.limitAmount(), currency),
                decimal(loan.available(), currency), decimal(loan.outstanding(), currency), currency,
                loan.annualRate(), loan.penaltyRate(), loan.accountId(), loan.offeredAt(), loan.signedAt(),
                loan.signedAt() != null ? "/api/v1/loans/" + loan.id() + "/contract" : null,
                example, drawdowns);
    }

    private String key(String idempotencyKey) {
        if (idempotencyKey == null) {
            throw refused("key-missing", new ApiException(Irc.MISSING_FIELD,
                    "The Idempotency-Key header is required."));
        }
        if (!KEY.matcher(idempotencyKey).matches()) {
            throw refused("key-malformed", new ApiException(Irc.FORMAT_ERROR,
                    "Idempotency-Key is 8 to 64 of A-Z a-z 0-9 _ -."));
        }
        return idempotencyKey;
    }

    private Money parse(BigDecimal amount, String currency) {
        if (amount == null || currency == null) {
            throw refused("amount-missing", new ApiException(Irc.MISSING_FIELD, "amount and currency are required."));
        }
        try {
            return Money.of(amount, currency);
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw refused("amount", new ApiException(Irc.INVALID_AMOUNT,
                    "The amount is not valid in " + currency + "."));
        }
    }

    /** One INFO line and the counter the service's refusals use too. */
    private ApiException refused(String reason, ApiException refusal) {
        meters.counter("branchlink.loan.refusals", "reason", reason).increment();
        log.info("loan request refused reason={} irc={}", reason, refusal.irc());
        return refusal;
    }

    static BigDecimal decimal(long minor, String currency) {
        return Money.ofMinor(minor, currency).toDecimal();
    }

    /**
     * @param accountId the customer's current account the line pays into and collects from
     * @param residentId the applicant's resident ID number, only when the profile has none
     * @param stepUpId a step-up passed for this same application after a 403 STEP_UP_REQUIRED, or null
     */
    record ApplicationRequest(@NotNull UUID accountId, @Pattern(regexp = RESIDENT_ID_PATTERN) String residentId,
            @Pattern(regexp = STEP_UP_ID_PATTERN) String stepUpId) {
    }

    record SignRequest(@Pattern(regexp = STEP_UP_ID_PATTERN) String stepUpId) {
    }

    record DrawdownRequest(@NotNull BigDecimal amount, @NotBlank @Pattern(regexp = "[A-Z]{3}") String currency,
            @NotNull Integer termMonths, @NotNull RepaymentMethod method,
            @Pattern(regexp = STEP_UP_ID_PATTERN) String stepUpId) {
    }

    record RepaymentRequest(@NotNull UUID drawdownId, BigDecimal amount, @Pattern(regexp = "[A-Z]{3}") String currency,
            Boolean full) {
    }

    record ApplicationView(UUID applicationId, String status, String band, List<String> reasons, LoanView loan) {
    }

    /**
     * @param example for an OFFERED line, the schedule of 10,000.00 drawn today over 12 months in equal instalments
     */
    record LoanView(UUID id, String reference, String status, BigDecimal limit, BigDecimal available,
            BigDecimal outstanding, String currency, BigDecimal annualRate, BigDecimal penaltyRate, UUID accountId,
            Instant offeredAt, Instant signedAt, String contract, List<InstalmentView> example,
            List<DrawdownView> drawdowns) {
    }

    record DrawdownView(UUID id, int number, BigDecimal amount, String method, int termMonths, LocalDate drawnOn,
            BigDecimal outstanding, BigDecimal interestAccrued, BigDecimal penaltyAccrued, String status,
            List<InstalmentView> instalments) {

        static DrawdownView of(LoanBook.Drawdown d, List<LoanBook.Instalment> instalments) {
            String currency = d.currency();
            return new DrawdownView(d.id(), d.number(), decimal(d.amount(), currency), d.method().name(),
                    d.termMonths(), d.drawnOn(), decimal(d.outstanding(), currency),
                    decimal(d.interestReceivable(), currency), decimal(d.penaltyReceivable(), currency), d.status(),
                    instalments.stream().map(i -> new InstalmentView(i.number(), i.dueDate(),
                            decimal(i.principal(), currency), decimal(i.interest(), currency),
                            decimal(i.principalPaid(), currency), decimal(i.interestPaid(), currency),
                            decimal(i.penaltyPaid(), currency), i.status())).toList());
        }
    }

    /** @param interest the scheduled interest of the period; what is collected is what accrued (interestPaid) */
    record InstalmentView(int number, LocalDate dueDate, BigDecimal principal, BigDecimal interest,
            BigDecimal principalPaid, BigDecimal interestPaid, BigDecimal penaltyPaid, String status) {
    }

    record RepaymentView(UUID id, UUID drawdownId, String kind, LocalDate businessDate, BigDecimal principal,
            BigDecimal interest, BigDecimal penalty, BigDecimal total, String currency) {
    }
}
