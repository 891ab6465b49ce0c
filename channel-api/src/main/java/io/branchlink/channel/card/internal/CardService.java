package io.branchlink.channel.card.internal;

import io.branchlink.channel.customer.CustomerPrincipal;
import io.branchlink.channel.ledger.Account;
import io.branchlink.channel.ledger.InsufficientFundsException;
import io.branchlink.channel.ledger.Ledger;
import io.branchlink.channel.ledger.Posting;
import io.branchlink.channel.risk.RiskAction;
import io.branchlink.channel.risk.RiskChannel;
import io.branchlink.channel.risk.RiskEngine;
import io.branchlink.channel.risk.RiskEvent;
import io.branchlink.channel.risk.RiskGate;
import io.branchlink.channel.risk.RiskRequest;
import io.branchlink.channel.risk.RiskSignals;
import io.branchlink.channel.system.ApiException;
import io.branchlink.protocol.money.Money;
import io.branchlink.protocol.rc.Irc;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Credit cards: issuing, the processor's purchases, repayments from the customer's deposit accounts and limit change
 * requests. Every change to a card takes its row lock first ({@code credit_cards ... for update}), so a purchase, a
 * repayment, the day's interest and a limit change of one card happen one after the other; the money moves through
 * the {@link Ledger} in the same transaction as the card's own record of it.
 *
 * @see io.branchlink.channel.card.CardIntegrationTests
 */
@Service
class CardService {

    /** The card processor's clearing account: purchases are owed to the processor until it settles them. */
    static final UUID PROCESSOR_CLEARING = UUID.fromString("00000000-0000-0000-0000-00000000c001");
    /** Interest income on credit cards. */
    static final UUID INTEREST_INCOME = UUID.fromString("00000000-0000-0000-0000-00000000c002");

    private static final Logger log = LoggerFactory.getLogger(CardService.class);

    private final JdbcClient jdbc;
    private final Ledger ledger;
    private final CardProperties properties;
    private final Clock clock;
    private final RiskGate risk;
    private final RiskEngine engine;
    private final MeterRegistry meters;
    private final SecureRandom random = new SecureRandom();

    CardService(JdbcClient jdbc, Ledger ledger, CardProperties properties, Clock clock, RiskGate risk,
            RiskEngine engine, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.ledger = ledger;
        this.properties = properties;
        this.clock = clock;
        this.risk = risk;
        this.engine = engine;
        this.meters = meters;
    }

    /** Today's business date in the bank's zone. */
    LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), properties.zone());
    }

    /**
     * Opens a card for a customer: a CARD ledger account and the card, with a fresh processor reference.
     *
     * @param panLast4 the last four digits of the number the processor embossed
     */
    @Transactional
    public Card issue(UUID customerId, String panLast4, Money limit, int statementDay, int dueDay) {
        if (!limit.currencyCode().equals(properties.currency()) || limit.minorUnits() < 0) {
            throw new ApiException(Irc.INVALID_AMOUNT, "A credit limit is a non-negative amount in "
                    + properties.currency() + ".");
        }
        boolean customer = jdbc.sql("select count(*) from customers where id = ?").param(customerId)
                .query(Integer.class).single() > 0;
        if (!customer) {
            throw ApiException.notFound("Customer");
        }
        UUID cardId = UUID.randomUUID();
        UUID accountId = UUID.randomUUID();
        jdbc.sql("""
                insert into accounts (id, account_number, customer_id, kind, side, currency, name)
                values (?, ?, ?, 'CARD', 'D', ?, ?)
                """)
                .params(accountId, "CC" + cardId.toString().replace("-", "").substring(0, 16).toUpperCase(),
                        customerId, properties.currency(), "Credit card *" + panLast4)
                .update();
        byte[] ref = new byte[18];
        random.nextBytes(ref);
        String cardRef = "crd_" + Base64.getUrlEncoder().withoutPadding().encodeToString(ref);
        jdbc.sql("""
                insert into credit_cards (id, customer_id, account_id, card_ref, pan_last4, currency, credit_limit,
                                          statement_day, due_day, opened_on)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
                .params(cardId, customerId, accountId, cardRef, panLast4, properties.currency(), limit.minorUnits(),
                        statementDay, dueDay, today())
                .update();
        log.info("card issued card=*{} customer={} limit={}", panLast4, customerId, limit);
        return find(cardId).orElseThrow();
    }

    @Transactional(readOnly = true)
    public List<Card> cards(CustomerPrincipal customer) {
        return jdbc.sql("select " + Card.COLUMNS + Card.FROM + " where c.customer_id = ? order by c.created_at")
                .param(customer.customerId())
                .query(Card.class)
                .list();
    }

    /** The customer's own card; another customer's card is not found, exactly as a card that does not exist. */
    @Transactional(readOnly = true)
    public Card card(CustomerPrincipal customer, UUID cardId) {
        return find(cardId).filter(card -> card.customerId().equals(customer.customerId()))
                .orElseThrow(() -> ApiException.notFound("Card"));
    }

    Optional<Card> find(UUID cardId) {
        return jdbc.sql("select " + Card.COLUMNS + Card.FROM + " where c.id = ?").param(cardId).query(Card.class)
                .optional();
    }

    /** Locks the card for the rest of the transaction: changes to one card happen one after the other. */
    Optional<Card> lock(UUID cardId) {
        jdbc.sql("select id from credit_cards where id = ? for update").param(cardId).query(UUID.class).optional();
        return find(cardId);
    }

    private Card lockOwn(CustomerPrincipal customer, UUID cardId) {
        return lock(cardId).filter(card -> card.customerId().equals(customer.customerId()))
                .orElseThrow(() -> ApiException.notFound("Card"));
    }

    // ---------------------------------------------------------------------------------------------- purchases

    /**
     * Authorises and books one purchase the processor sent, once per processor transaction id: a replay with the same
     * body answers the stored outcome; a different body under a known id is refused (409 DUPLICATE).
     */
    @Transactional
    public PurchaseOutcome purchase(ProcessorPurchase purchase, byte[] bodyHash) {
        jdbc.sql("select pg_advisory_xact_lock(hashtext(?))").param("card-txn:" + purchase.transactionId())
                .query().singleRow();
        Optional<StoredPurchase> stored = jdbc.sql("""
                        select processor_txn_id, body_hash, outcome, decline_reason, auth_code from card_transactions
                         where processor_txn_id = ?
                        """)
                .param(purchase.transactionId())
                .query(StoredPurchase.class)
                .optional();
        if (stored.isPresent()) {
            if (!MessageDigest.isEqual(stored.get().bodyHash(), bodyHash)) {
                meters.counter("branchlink.card.processor.refused", "reason", "reused-id").increment();
                log.warn("processor message refused txn={} reason=reused-id", purchase.transactionId());
                throw new ApiException(Irc.DUPLICATE,
                        "This transaction id was already used for a different message.");
            }
            StoredPurchase first = stored.get();
            return new PurchaseOutcome(purchase.transactionId(), first.outcome(), first.declineReason(),
                    first.authCode(), true);
        }
        Optional<Card> found = jdbc.sql("select id from credit_cards where card_ref = ?").param(purchase.cardRef())
                .query(UUID.class).optional().flatMap(this::lock);
        if (found.isEmpty()) {
            return declined(purchase, "UNKNOWN_CARD");
        }
        Card card = found.get();
        long amount = purchase.amount().minorUnits();
        String reason = null;
        if (!purchase.amount().currencyCode().equals(card.currency())) {
            reason = "CURRENCY";
        } else if (!"ACTIVE".equals(card.status())) {
            reason = "CARD_BLOCKED";
        } else if (Math.addExact(card.balance(), amount) > card.creditLimit()) {
            reason = "INSUFFICIENT_CREDIT";
        }
        if (reason != null) {
            jdbc.sql("""
                    insert into card_transactions (processor_txn_id, card_id, kind, amount, currency, merchant,
                                                   body_hash, outcome, decline_reason, business_date)
                    values (?, ?, 'PURCHASE', ?, ?, ?, ?, 'DECLINED', ?, ?)
                    """)
                    .params(purchase.transactionId(), card.id(), amount, purchase.amount().currencyCode(),
                            purchase.merchant(), bodyHash, reason, today())
                    .update();
            return declined(purchase, reason);
        }
        UUID entry = ledger.post("CARD_PURCHASE", "card *" + card.panLast4() + " " + purchase.transactionId(),
                card.currency(), List.of(Posting.debit(card.accountId(), amount),
                        Posting.credit(PROCESSOR_CLEARING, amount)));
        String authCode = String.format("%06d", random.nextInt(1_000_000));
        jdbc.sql("""
                insert into card_transactions (processor_txn_id, card_id, kind, amount, currency, merchant, body_hash,
                                               outcome, auth_code, entry_id, business_date)
                values (?, ?, 'PURCHASE', ?, ?, ?, ?, 'APPROVED', ?, ?, ?)
                """)
                .params(purchase.transactionId(), card.id(), amount, card.currency(), purchase.merchant(), bodyHash,
                        authCode, entry, today())
                .update();
        meters.counter("branchlink.card.purchases", "outcome", "APPROVED").increment();
        log.info("card purchase approved card={} txn={} amount={}", card.shortName(), purchase.transactionId(),
                purchase.amount());
        return new PurchaseOutcome(purchase.transactionId(), "APPROVED", null, authCode, false);
    }

    private PurchaseOutcome declined(ProcessorPurchase purchase, String reason) {
        meters.counter("branchlink.card.purchases", "outcome", "DECLINED").increment();
        log.info("card purchase declined txn={} amount={} reason={}", purchase.transactionId(), purchase.amount(),
                reason);
        return new PurchaseOutcome(purchase.transactionId(), "DECLINED", reason, null, false);
    }

    /**
     * One purchase as the processor sent it.
     *
     * @param transactionId the processor's id of the transaction, unique for ever
     * @param cardRef the bank's reference of the card, given to the processor when the card was issued
     */
    record ProcessorPurchase(String transactionId, String cardRef, Money amount, String merchant) {
    }

    record PurchaseOutcome(String transactionId, String result, String reason, String authCode, boolean replayed) {
    }

    private record StoredPurchase(String processorTxnId, byte[] bodyHash, String outcome, String declineReason,
            String authCode) {
    }

    // --------------------------------------------------------------------------------------------- repayments

    /**
     * Repays the card from one of the customer's own deposit accounts, once per idempotency key: the same key with the
     * same request answers the first repayment; with a different request it is refused (409 CONFLICT).
     */
    @Transactional
    public Repayment repay(CustomerPrincipal customer, UUID cardId, UUID fromAccountId, Money amount,
            String idempotencyKey) {
        byte[] requestHash = sha256(cardId + "|" + fromAccountId + "|" + amount.minorUnits() + "|"
                + amount.currencyCode());
        jdbc.sql("select pg_advisory_xact_lock(hashtext(?))")
                .param("card-repayment:" + customer.customerId() + ":" + idempotencyKey).query().singleRow();
        Optional<Repayment> earlier = jdbc.sql("select " + Repayment.COLUMNS
                        + " from card_repayments where customer_id = ? and idempotency_key = ?")
                .params(customer.customerId(), idempotencyKey)
                .query(Repayment.class)
                .optional();
        if (earlier.isPresent()) {
            if (!MessageDigest.isEqual(earlier.get().requestHash(), requestHash)) {
                throw refused("repayment", Irc.CONFLICT,
                        "This Idempotency-Key was already used for a different repayment.");
            }
            return earlier.get().asReplay();
        }
        Card card = lockOwn(customer, cardId);
        if (!amount.currencyCode().equals(card.currency()) || amount.minorUnits() <= 0) {
            throw refused("repayment", Irc.INVALID_AMOUNT,
                    "A repayment is a positive amount in " + card.currency() + ".");
        }
        Account from = ledger.find(fromAccountId)
                .filter(a -> customer.customerId().equals(a.customerId()) && "CUSTOMER".equals(a.kind()))
                .orElseThrow(() -> ApiException.notFound("Account"));
        if (!from.currency().equals(card.currency())) {
            throw refused("repayment", Irc.INVALID_TRANSACTION, "The account is kept in " + from.currency() + ".");
        }
        if (amount.minorUnits() > card.balance()) {
            throw refused("repayment", Irc.INVALID_TRANSACTION, "The card's balance is "
                    + Money.ofMinor(card.balance(), card.currency()) + "; a repayment cannot be larger.");
        }
        UUID entry;
        try {
            entry = ledger.post("CARD_REPAYMENT", "card *" + card.panLast4() + " from " + from.maskedNumber(),
                    card.currency(), List.of(Posting.debit(from.id(), amount.minorUnits()),
                            Posting.credit(card.accountId(), amount.minorUnits())));
        } catch (InsufficientFundsException e) {
            throw refused("repayment", Irc.NOT_SUFFICIENT_FUNDS,
                    "The available balance is lower than " + amount + ".");
        }
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                insert into card_repayments (id, card_id, customer_id, idempotency_key, request_hash, from_account_id,
                                             amount, entry_id, business_date)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
                .params(id, card.id(), customer.customerId(), idempotencyKey, requestHash, from.id(),
                        amount.minorUnits(), entry, today())
                .update();
        log.info("card repaid card={} from={} amount={}", card.shortName(), from.maskedNumber(), amount);
        return jdbc.sql("select " + Repayment.COLUMNS + " from card_repayments where id = ?").param(id)
                .query(Repayment.class).single();
    }

    /** A repayment as stored; {@code replayed} is true when it answers a repeated request. */
    record Repayment(UUID id, UUID cardId, UUID fromAccountId, long amount, LocalDate businessDate, Instant createdAt,
            byte[] requestHash, boolean replayed) {

        static final String COLUMNS = """
                id, card_id, from_account_id, amount, business_date, created_at, request_hash, false as replayed""";

        Repayment asReplay() {
            return new Repayment(id, cardId, fromAccountId, amount, businessDate, createdAt, requestHash, true);
        }
    }

    // ---------------------------------------------------------------------------------------------- the limit

    /**
     * A request to change the card's limit. After the card's own rules the risk engine is asked (CARD_LIMIT_CHANGE);
     * then a decrease applies at once but never below what the customer owes, an increase up to the review ceiling
     * applies at once, and a larger one waits for review (PENDING_REVIEW, the limit unchanged).
     */
    @Transactional
    public LimitRequest requestLimit(CustomerPrincipal customer, UUID cardId, Money requested, RiskSignals device,
            String stepUpId) {
        Card card = lockOwn(customer, cardId);
        if (!requested.currencyCode().equals(card.currency()) || requested.minorUnits() < 0) {
            throw refused("limit-change", Irc.INVALID_AMOUNT, "A credit limit is a non-negative amount in "
                    + card.currency() + ".");
        }
        long wanted = requested.minorUnits();
        if (wanted == card.creditLimit()) {
            throw refused("limit-change", Irc.INVALID_TRANSACTION, "The card's limit is already " + requested + ".");
        }
        if (wanted < card.balance()) {
            throw refused("limit-change", Irc.INVALID_TRANSACTION, "The limit cannot be lower than the balance owed, "
                    + Money.ofMinor(card.balance(), card.currency()) + ".");
        }
        // the engine weighs the credit the change adds; a decrease adds none
        Money added = wanted > card.creditLimit() ? Money.ofMinor(wanted - card.creditLimit(), card.currency()) : null;
        RiskRequest request = new RiskRequest(RiskAction.CARD_LIMIT_CHANGE, customer.customerId(),
                customer.deviceId(), card.accountId(), added, null, null, RiskChannel.APP, null, device);
        risk.check(request, stepUpId);
        long ceiling = Money.of(properties.limitReviewCeiling(), card.currency()).minorUnits();
        String status = wanted > card.creditLimit() && wanted > ceiling ? "PENDING_REVIEW" : "APPLIED";
        if (status.equals("APPLIED")) {
            jdbc.sql("update credit_cards set credit_limit = ? where id = ?").params(wanted, card.id()).update();
        }
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                insert into card_limit_requests (id, card_id, customer_id, current_limit, requested_limit, status)
                values (?, ?, ?, ?, ?, ?)
                """)
                .params(id, card.id(), customer.customerId(), card.creditLimit(), wanted, status)
                .update();
        engine.recordAfterCommit(RiskEvent.of(request, clock.instant()));
        log.info("card limit request card={} from={} to={} status={}", card.shortName(),
                Money.ofMinor(card.creditLimit(), card.currency()), requested, status);
        return limitRequests(customer, cardId).get(0);
    }

    @Transactional(readOnly = true)
    public List<LimitRequest> limitRequests(CustomerPrincipal customer, UUID cardId) {
        card(customer, cardId);
        return jdbc.sql("""
                        select id, current_limit, requested_limit, status, created_at from card_limit_requests
                         where card_id = ? order by created_at desc, id limit 50
                        """)
                .param(cardId)
                .query(LimitRequest.class)
                .list();
    }

    record LimitRequest(UUID id, long currentLimit, long requestedLimit, String status, Instant createdAt) {
    }

    // ---------------------------------------------------------------------------------------------- statements

    @Transactional(readOnly = true)
    public List<Statement> statements(CustomerPrincipal customer, UUID cardId) {
        card(customer, cardId);
        return jdbc.sql("""
                        select s.statement_date, s.balance, s.minimum_payment, s.due_date,
                               (select coalesce(sum(r.amount), 0) from card_repayments r
                                 where r.card_id = s.card_id and r.business_date > s.statement_date) as repaid,
                               (select coalesce(sum(r.amount), 0) from card_repayments r
                                 where r.card_id = s.card_id and r.business_date > s.statement_date
                                   and r.business_date <= s.due_date) >= s.balance as paid_by_due_date
                          from card_statements s
                         where s.card_id = ? order by s.statement_date desc limit 24
                        """)
                .param(cardId)
                .query(Statement.class)
                .list();
    }

    /**
     * One monthly statement.
     *
     * @param repaid what was repaid since the statement date
     * @param paidByDueDate the statement balance was repaid in full by the due date: no interest (the grace period)
     */
    record Statement(LocalDate statementDate, long balance, long minimumPayment, LocalDate dueDate, long repaid,
            boolean paidByDueDate) {
    }

    /** An expected refusal: one log line and a count, then the problem the caller gets. */
    private ApiException refused(String action, Irc irc, String detail) {
        meters.counter("branchlink.card.refused", "action", action, "irc", irc.name()).increment();
        log.info("card {} refused irc={} detail=\"{}\"", action, irc, detail);
        return new ApiException(irc, detail);
    }

    static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
