package io.branchlink.channel.card.internal;

import io.branchlink.channel.customer.CustomerPrincipal;
import io.branchlink.channel.risk.RiskSignals;
import io.branchlink.channel.system.ApiException;
import io.branchlink.protocol.money.Money;
import io.branchlink.protocol.rc.Irc;
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
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The mobile app's credit card calls: the customer's cards, their statements, repayments from a deposit account and
 * limit change requests. Every call is for the customer's own cards; another customer's card is 404, as a card that
 * does not exist.
 */
@RestController
@RequestMapping("/api/v1/cards")
@Tag(name = "Credit cards")
class CardController {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    private static final String IDEMPOTENCY_PATTERN = "[A-Za-z0-9_-]{8,64}";
    private static final String STEP_UP_ID_PATTERN = "[A-Za-z0-9_-]{43}";

    private final CardService cards;

    CardController(CardService cards) {
        this.cards = cards;
    }

    @GetMapping
    @Operation(summary = "The customer's credit cards")
    List<CardView> cards(@AuthenticationPrincipal CustomerPrincipal customer) {
        return cards.cards(customer).stream().map(CardView::of).toList();
    }

    @GetMapping("/{cardId}")
    @Operation(summary = "One credit card: limit, balance owed, available credit, statement and due days")
    CardView card(@AuthenticationPrincipal CustomerPrincipal customer, @PathVariable UUID cardId) {
        return CardView.of(cards.card(customer, cardId));
    }

    @GetMapping("/{cardId}/statements")
    @Operation(summary = "The card's monthly statements, newest first",
            description = "Each: the balance owed at the end of the statement date, the minimum payment, the due"
                    + " date, what was repaid since, and whether the balance was repaid in full by the due date (then"
                    + " no interest is charged on it).")
    List<StatementView> statements(@AuthenticationPrincipal CustomerPrincipal customer, @PathVariable UUID cardId) {
        String currency = cards.card(customer, cardId).currency();
        return cards.statements(customer, cardId).stream().map(s -> StatementView.of(s, currency)).toList();
    }

    @PostMapping("/{cardId}/repayments")
    @Operation(summary = "Repay the card from one of the customer's deposit accounts",
            description = "Needs an Idempotency-Key header (8 to 64 of A-Z a-z 0-9 _ -): the same key with the same"
                    + " request answers the first repayment again (200, replayed true) and moves no money; with a"
                    + " different request 409 CONFLICT. The amount is at most the balance owed; 422"
                    + " NOT_SUFFICIENT_FUNDS when the account's available balance is lower.")
    ResponseEntity<RepaymentView> repay(@AuthenticationPrincipal CustomerPrincipal customer,
            @PathVariable UUID cardId,
            @Parameter(description = "a key unique to this repayment, chosen by the app")
            @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String idempotencyKey,
            @Valid @RequestBody RepaymentRequest request) {
        if (idempotencyKey == null || !idempotencyKey.matches(IDEMPOTENCY_PATTERN)) {
            throw new ApiException(Irc.MISSING_FIELD,
                    "An Idempotency-Key header of 8 to 64 letters, digits, _ or - is required.");
        }
        CardService.Repayment repayment = cards.repay(customer, cardId, request.fromAccountId(),
                parse(request.amount(), request.currency()), idempotencyKey);
        String currency = request.currency();
        return ResponseEntity.status(repayment.replayed() ? HttpStatus.OK : HttpStatus.CREATED)
                .body(RepaymentView.of(repayment, currency));
    }

    @PostMapping("/{cardId}/limit-requests")
    @Operation(summary = "Ask for a different credit limit",
            description = "A decrease applies at once but never below the balance owed (422). An increase up to the"
                    + " review ceiling applies at once; above it the request is PENDING_REVIEW and the limit stays."
                    + " The risk engine is asked first: 403 RISK_DECLINED changes nothing; 403 STEP_UP_REQUIRED"
                    + " carries stepUp {id, factors, expiresAt}: pass it and send the same request with stepUpId."
                    + " rooted and emulator (optional): what the app found about the phone's integrity.")
    ResponseEntity<LimitRequestView> requestLimit(@AuthenticationPrincipal CustomerPrincipal customer,
            @PathVariable UUID cardId, @Valid @RequestBody LimitChange request) {
        CardService.LimitRequest created = cards.requestLimit(customer, cardId,
                parse(request.creditLimit(), request.currency()),
                RiskSignals.device(request.rooted(), request.emulator()), request.stepUpId());
        return ResponseEntity.status(HttpStatus.CREATED).body(LimitRequestView.of(created, request.currency()));
    }

    @GetMapping("/{cardId}/limit-requests")
    @Operation(summary = "The card's limit change requests, newest first")
    List<LimitRequestView> limitRequests(@AuthenticationPrincipal CustomerPrincipal customer,
            @PathVariable UUID cardId) {
        String currency = cards.card(customer, cardId).currency();
        return cards.limitRequests(customer, cardId).stream().map(r -> LimitRequestView.of(r, currency)).toList();
    }

    static Money parse(BigDecimal amount, String currency) {
        try {
            return Money.of(amount, currency);
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new ApiException(Irc.INVALID_AMOUNT, "The amount is not valid in " + currency + ".");
        }
    }

    static BigDecimal decimal(long minor, String currency) {
        return Money.ofMinor(minor, currency).toDecimal();
    }

    record RepaymentRequest(@NotNull UUID fromAccountId, @NotNull BigDecimal amount,
            @NotBlank @Pattern(regexp = "[A-Z]{3}") String currency) {
    }

    /**
     * @param creditLimit the limit asked for
     * @param stepUpId a step-up passed for this same request after a 403 STEP_UP_REQUIRED, or null
     * @param rooted the app found the phone rooted or jailbroken, or null when it did not check
     * @param emulator the app found itself on an emulator, or null when it did not check
     */
    record LimitChange(@NotNull BigDecimal creditLimit, @NotBlank @Pattern(regexp = "[A-Z]{3}") String currency,
            @Pattern(regexp = STEP_UP_ID_PATTERN) String stepUpId, Boolean rooted, Boolean emulator) {
    }

    /** A card as the app shows it: the card number masked to its last four digits. */
    record CardView(UUID id, String maskedPan, String currency, BigDecimal creditLimit, BigDecimal balance,
            BigDecimal available, int statementDay, int dueDay, String status, LocalDate openedOn) {

        static CardView of(Card card) {
            return new CardView(card.id(), card.maskedPan(), card.currency(),
                    decimal(card.creditLimit(), card.currency()), decimal(card.balance(), card.currency()),
                    decimal(card.available(), card.currency()), card.statementDay(), card.dueDay(), card.status(),
                    card.openedOn());
        }
    }

    record StatementView(LocalDate statementDate, BigDecimal balance, BigDecimal minimumPayment, LocalDate dueDate,
            BigDecimal repaid, boolean paidByDueDate) {

        static StatementView of(CardService.Statement s, String currency) {
            return new StatementView(s.statementDate(), decimal(s.balance(), currency),
                    decimal(s.minimumPayment(), currency), s.dueDate(), decimal(s.repaid(), currency),
                    s.paidByDueDate());
        }
    }

    record RepaymentView(UUID id, UUID fromAccountId, BigDecimal amount, String currency, LocalDate businessDate,
            Instant createdAt, boolean replayed) {

        static RepaymentView of(CardService.Repayment r, String currency) {
            return new RepaymentView(r.id(), r.fromAccountId(), decimal(r.amount(), currency), currency,
                    r.businessDate(), r.createdAt(), r.replayed());
        }
    }

    record LimitRequestView(UUID id, BigDecimal currentLimit, BigDecimal requestedLimit, String status,
            Instant createdAt) {

        static LimitRequestView of(CardService.LimitRequest r, String currency) {
            return new LimitRequestView(r.id(), decimal(r.currentLimit(), currency),
                    decimal(r.requestedLimit(), currency), r.status(), r.createdAt());
        }
    }
}
