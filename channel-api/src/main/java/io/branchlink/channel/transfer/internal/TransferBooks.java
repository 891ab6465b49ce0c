package io.branchlink.channel.transfer.internal;

import io.branchlink.channel.account.AccountClasses;
import io.branchlink.channel.ledger.Account;
import io.branchlink.channel.ledger.InsufficientFundsException;
import io.branchlink.channel.ledger.Ledger;
import io.branchlink.channel.ledger.Posting;
import io.branchlink.channel.system.ApiException;
import io.branchlink.channel.transfer.TransferProperties;
import io.branchlink.protocol.money.Money;
import io.branchlink.protocol.rc.Irc;
import io.micrometer.core.instrument.MeterRegistry;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The money side of transfers, the one place that posts them: a transfer's checks (ownership, the
 * designated-payees-only mode, limits) and its booking, and the interbank outcomes. Every outcome of an interbank
 * transfer is one state transition under the transfer's row lock, taken only from SENT or ACCEPTED, with its entry in
 * the same transaction: a refund happens once, whatever repeats (a second rejection, a duplicate notification, a
 * timeout racing a rejection), and a confirmation after a refund becomes a clearing exception, never a posting.
 *
 * @see io.branchlink.channel.transfer.InterbankTransferIntegrationTests
 */
@Component
@Transactional(propagation = Propagation.REQUIRED)
class TransferBooks {

    /** Interbank transfers debited from the payer, not yet confirmed or refunded (V13). */
    static final UUID IN_TRANSIT = UUID.fromString("00000000-0000-0000-0000-0000000c1e01");
    /** Interbank transfers the clearing system confirmed: money that left the bank (V13). */
    static final UUID SETTLEMENT = UUID.fromString("00000000-0000-0000-0000-0000000c1e02");

    private static final Logger log = LoggerFactory.getLogger(TransferBooks.class);

    private final JdbcClient jdbc;
    private final Ledger ledger;
    private final Payees payees;
    private final AccountClasses accountClasses;
    private final TransferProperties properties;
    private final Refusals refusals;
    private final Clock clock;
    private final MeterRegistry meters;

    TransferBooks(JdbcClient jdbc, Ledger ledger, Payees payees, TransferProperties properties, Refusals refusals,
            AccountClasses accountClasses, Clock clock, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.accountClasses = accountClasses;
        this.ledger = ledger;
        this.payees = payees;
        this.properties = properties;
        this.refusals = refusals;
        this.clock = clock;
        this.meters = meters;
    }

    /** Where a transfer goes: one of the customer's own accounts, or one of their payees. */
    sealed interface Target permits OwnAccount, ToPayee {

        /** The risk engine's counterparty: the account number here, or bank code and number at another bank. */
        String counterparty();
    }

    record OwnAccount(Account account) implements Target {

        @Override
        public String counterparty() {
            return account.accountNumber();
        }
    }

    record ToPayee(Payee payee) implements Target {

        @Override
        public String counterparty() {
            return payee.counterparty();
        }
    }

    /** A checked transfer, ready to post. */
    record Booking(UUID customerId, Account from, Target target, Money amount, String memo, String idempotencyKey,
            byte[] requestHash, LocalDate businessDate) {
    }

    /**
     * The amount of a request: in the transfers' currency, with at most its minor digits, above zero and at most
     * {@code max-amount}; anything else is a 400 INVALID_AMOUNT before anything is looked up.
     */
    Money amount(UUID customerId, BigDecimal value, String currency) {
        if (currency != null && !currency.equals(properties.currency())) {
            throw refusals.refuse(customerId, Irc.INVALID_AMOUNT, "currency",
                    "Transfers are made in " + properties.currency() + ".");
        }
        Money amount;
        try {
            amount = Money.of(value, properties.currency());
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw refusals.refuse(customerId, Irc.INVALID_AMOUNT, "amount-format", "The amount is not valid in "
                    + properties.currency() + ": at most 2 decimal places.");
        }
        Money max = Money.of(properties.maxAmount(), properties.currency());
        if (!amount.isPositive() || amount.minorUnits() > max.minorUnits()) {
            throw refusals.refuse(customerId, Irc.INVALID_AMOUNT, "amount-range",
                    "The amount must be more than 0 and at most " + max + ".");
        }
        return amount;
    }

    /** The SHA-256 of a request's parts, to tell a replay from another request under the same key. */
    static byte[] hash(Object... parts) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (Object part : parts) {
                digest.update(String.valueOf(part).getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
            }
            return digest.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** The customer's own account in the transfers' currency; another customer's is not found, like none. */
    Account ownAccount(UUID customerId, UUID accountId) {
        return ledger.find(accountId)
                .filter(a -> customerId.equals(a.customerId()) && "CUSTOMER".equals(a.kind()))
                .filter(a -> a.currency().equals(properties.currency()))
                .orElseThrow(() -> refusals.refuse(customerId, Irc.NOT_FOUND, "unknown-account", "Account not found"));
    }

    /** Where the money goes: exactly one of an own account and a payee of the customer. */
    Target target(UUID customerId, UUID fromAccountId, UUID toAccountId, UUID payeeId) {
        if ((toAccountId == null) == (payeeId == null)) {
            throw refusals.refuse(customerId, Irc.FORMAT_ERROR, "target",
                    "Give either toAccountId (one of your accounts) or payeeId.");
        }
        if (toAccountId != null) {
            if (toAccountId.equals(fromAccountId)) {
                throw refusals.refuse(customerId, Irc.INVALID_TRANSACTION, "same-account",
                        "The accounts to transfer from and to are the same.");
            }
            return new OwnAccount(ownAccount(customerId, toAccountId));
        }
        return new ToPayee(payees.find(customerId, payeeId)
                .orElseThrow(() -> refusals.refuse(customerId, Irc.NOT_FOUND, "unknown-payee", "Payee not found")));
    }

    /**
     * The customer's rules about whom and how much: in designated-payees-only mode only own accounts and payees
     * registered at the counter (403 ACCESS_DENIED); to others, the per-transaction and daily limits (422
     * EXCEEDS_LIMIT), and on the day it pays, a Class II account's own outbound limits ({@link AccountClasses}, 422
     * EXCEEDS_LIMIT). Call it with the customer's row locked, so two transfers cannot both fit the same room.
     *
     * @param businessDate the day whose transfers count against the daily limit, or null to check the
     *     per-transaction limit only (an order made now for a later day)
     */
    void requireAllowed(UUID customerId, UUID fromAccountId, Target target, Money amount, LocalDate businessDate) {
        if (target instanceof ToPayee toPayee && !toPayee.payee().registeredAtCounter() && designatedOnly(customerId)) {
            throw refusals.refuse(customerId, Irc.ACCESS_DENIED, "designated-payees-only", "Your transfers go only"
                    + " to your own accounts and to payees registered at the counter; register this payee at a"
                    + " branch first.");
        }
        if (target instanceof OwnAccount) {
            return;
        }
        TransferLimits limits = new TransferLimits(Money.of(properties.perTransactionLimit(), properties.currency()),
                Money.of(properties.dailyLimit(), properties.currency()));
        Money spent = businessDate == null ? Money.ofMinor(0, properties.currency()) : spent(customerId, businessDate);
        limits.exceeded(amount, spent).ifPresent(reason -> {
            throw refusals.refuse(customerId, Irc.EXCEEDS_LIMIT, "limit", reason);
        });
        if (businessDate != null) {
            accountClasses.requireOutbound(fromAccountId, amount, "transfer");
        }
    }

    boolean designatedOnly(UUID customerId) {
        return jdbc.sql("select count(*) from transfer_restrictions where customer_id = ?").param(customerId)
                .query(Integer.class).single() > 0;
    }

    /** What the customer's transfers to others moved on a business day, pending interbank ones included. */
    Money spent(UUID customerId, LocalDate businessDate) {
        return Money.ofMinor(jdbc.sql("""
                select coalesce(sum(amount), 0) from transfers
                 where customer_id = ? and business_date = ? and kind <> 'OWN' and state <> 'REFUNDED'
                """).params(customerId, businessDate).query(Long.class).single(), properties.currency());
    }

    LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), properties.zone());
    }

    void lockCustomer(UUID customerId) {
        jdbc.sql("select id from customers where id = ? for update").param(customerId).query(UUID.class).single();
    }

    /**
     * Posts a checked transfer and records it: to an account of this bank at once (COMPLETED), to another bank into
     * clearing-in-transit with the payment in the outbox (SENT).
     *
     * @return the transfer's id
     */
    UUID book(Booking booking) {
        UUID id = UUID.randomUUID();
        Instant now = clock.instant();
        String currency = booking.amount().currencyCode();
        long amount = booking.amount().minorUnits();
        boolean interbank = booking.target() instanceof ToPayee p && p.payee().interbank();
        UUID creditAccount = booking.target() instanceof OwnAccount own ? own.account().id()
                : interbank ? IN_TRANSIT : ((ToPayee) booking.target()).payee().accountId();
        UUID entry;
        try {
            entry = ledger.post("TRANSFER", id.toString(), currency,
                    List.of(Posting.debit(booking.from().id(), amount), Posting.credit(creditAccount, amount)));
        } catch (InsufficientFundsException e) {
            throw refusals.refuse(booking.customerId(), Irc.NOT_SUFFICIENT_FUNDS, "funds",
                    "The available balance is lower than " + booking.amount() + ".");
        }
        String kind = booking.target() instanceof OwnAccount ? "OWN" : interbank ? "INTERBANK" : "INTRA";
        UUID payeeId = booking.target() instanceof ToPayee p ? p.payee().id() : null;
        UUID toAccount = interbank ? null : creditAccount;
        jdbc.sql("""
                insert into transfers (id, customer_id, idempotency_key, request_hash, kind, from_account_id,
                                       to_account_id, payee_id, amount, currency, memo, state, business_date, entry_id,
                                       created_at, finished_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
                .params(id, booking.customerId(), booking.idempotencyKey(), booking.requestHash(), kind,
                        booking.from().id(), toAccount, payeeId, amount, currency, booking.memo(),
                        interbank ? "SENT" : "COMPLETED", booking.businessDate(), entry, Timestamp.from(now),
                        interbank ? null : Timestamp.from(now))
                .update();
        if (interbank) {
            jdbc.sql("insert into clearing_outbox (transfer_id, next_attempt_at) values (?, ?)")
                    .params(id, Timestamp.from(now)).update();
        } else if (payeeId != null) {
            payees.trusted(payeeId, now);
        }
        log.info("transfer booked transfer={} customer={} kind={} from={} amount={}", id, booking.customerId(), kind,
                booking.from().maskedNumber(), booking.amount());
        meters.counter("branchlink.channel.transfers", "kind", kind).increment();
        return id;
    }

    /** The clearing system took the payment: SENT becomes ACCEPTED (a confirmation may have come first). */
    void accepted(UUID transferId) {
        Timestamp now = Timestamp.from(clock.instant());
        jdbc.sql("update clearing_outbox set delivered_at = ? where transfer_id = ? and delivered_at is null")
                .params(now, transferId).update();
        jdbc.sql("update transfers set state = 'ACCEPTED', accepted_at = ? where id = ? and state = 'SENT'")
                .params(now, transferId).update();
    }

    /**
     * The clearing system confirmed the payment: from SENT or ACCEPTED, the amount moves from in-transit to
     * settlement and the payee is trusted. After a refund it is a late confirmation (a clearing exception, no
     * posting); after a confirmation, nothing.
     *
     * @return true when this call confirmed the transfer
     */
    boolean confirm(UUID transferId) {
        Optional<InFlight> transfer = lockInFlight(transferId);
        if (transfer.isEmpty()) {
            if ("REFUNDED".equals(state(transferId))) {
                exception(transferId, "LATE_CONFIRMATION",
                        "confirmed by the clearing system after the bank refunded the payer");
            }
            return false;
        }
        Instant now = clock.instant();
        UUID entry = ledger.post("TRANSFER_SETTLEMENT", transferId.toString(), transfer.get().currency(), List.of(
                Posting.debit(IN_TRANSIT, transfer.get().amount()),
                Posting.credit(SETTLEMENT, transfer.get().amount())));
        jdbc.sql("""
                update transfers set state = 'CONFIRMED', settle_entry_id = ?, finished_at = ?
                 where id = ? and state in ('SENT', 'ACCEPTED')
                """).params(entry, Timestamp.from(now), transferId).update();
        closeOutbox(transferId, now);
        payees.trusted(transfer.get().payeeId(), now);
        log.info("transfer confirmed transfer={}", transferId);
        meters.counter("branchlink.channel.transfers.interbank", "outcome", "confirmed").increment();
        return true;
    }

    /**
     * Refunds an interbank transfer that the clearing system rejected or did not confirm in time: from SENT or
     * ACCEPTED only, the amount moves from in-transit back to the payer. A rejection after a confirmation is a
     * clearing exception.
     *
     * @param reason {@code REJECTED} or {@code TIMED_OUT}
     * @param detail the clearing system's reason, or why the bank gave up
     * @return true when this call refunded the transfer
     */
    boolean refund(UUID transferId, String reason, String detail) {
        Optional<InFlight> transfer = lockInFlight(transferId);
        if (transfer.isEmpty()) {
            if ("REJECTED".equals(reason) && "CONFIRMED".equals(state(transferId))) {
                exception(transferId, "REJECTED_AFTER_CONFIRMATION", detail);
            }
            return false;
        }
        Instant now = clock.instant();
        UUID entry = ledger.post("TRANSFER_REFUND", transferId.toString(), transfer.get().currency(), List.of(
                Posting.debit(IN_TRANSIT, transfer.get().amount()),
                Posting.credit(transfer.get().fromAccountId(), transfer.get().amount())));
        jdbc.sql("""
                update transfers set state = 'REFUNDED', refund_reason = ?, failure_reason = ?, refund_entry_id = ?,
                                     finished_at = ?
                 where id = ? and state in ('SENT', 'ACCEPTED')
                """).params(reason, bounded(detail), entry, Timestamp.from(now), transferId).update();
        closeOutbox(transferId, now);
        log.info("transfer refunded transfer={} reason={}", transferId, reason);
        meters.counter("branchlink.channel.transfers.interbank", "outcome", reason.toLowerCase()).increment();
        return true;
    }

    /**
     * Acts on a notification of the clearing system once: a repeated notification id changes nothing.
     *
     * @param status {@code CONFIRMED} or {@code REJECTED}
     * @return false when the notification was seen before
     */
    boolean notified(String notificationId, UUID transferId, String status, String reason) {
        int added = jdbc.sql("""
                insert into clearing_notifications (notification_id, transfer_id, status, received_at)
                values (?, ?, ?, ?) on conflict (notification_id) do nothing
                """).params(notificationId, transferId, status, Timestamp.from(clock.instant())).update();
        if (added == 0) {
            return false;
        }
        if ("CONFIRMED".equals(status)) {
            confirm(transferId);
        } else {
            refund(transferId, "REJECTED", reason == null ? "rejected by the clearing system" : reason);
        }
        return true;
    }

    /** The state of an interbank transfer, or null when there is none with this id. */
    String interbankState(UUID transferId) {
        return jdbc.sql("select state from transfers where id = ? and kind = 'INTERBANK'").param(transferId)
                .query(String.class).optional().orElse(null);
    }

    private record InFlight(UUID fromAccountId, UUID payeeId, long amount, String currency) {
    }

    /** Locks an interbank transfer that is still in flight; empty when it is not (any more). */
    private Optional<InFlight> lockInFlight(UUID transferId) {
        return jdbc.sql("""
                select from_account_id, payee_id, amount, currency from transfers
                 where id = ? and kind = 'INTERBANK' and state in ('SENT', 'ACCEPTED') for update
                """).param(transferId).query(InFlight.class).optional();
    }

    private String state(UUID transferId) {
        return jdbc.sql("select state from transfers where id = ?").param(transferId).query(String.class)
                .optional().orElse(null);
    }

    private void closeOutbox(UUID transferId, Instant now) {
        jdbc.sql("update clearing_outbox set closed_at = ? where transfer_id = ? and delivered_at is null"
                        + " and closed_at is null")
                .params(Timestamp.from(now), transferId).update();
    }

    /** Records a clearing exception once per transfer and kind: a row for operators, a count and one log line. */
    private void exception(UUID transferId, String kind, String detail) {
        int added = jdbc.sql("""
                insert into clearing_exceptions (transfer_id, kind, detail, created_at) values (?, ?, ?, ?)
                on conflict (transfer_id, kind) do nothing
                """).params(transferId, kind, bounded(detail), Timestamp.from(clock.instant())).update();
        if (added == 1) {
            log.warn("clearing exception transfer={} kind={} detail=\"{}\"", transferId, kind, bounded(detail));
            meters.counter("branchlink.channel.clearing.exceptions", "kind", kind).increment();
        }
    }

    private static String bounded(String text) {
        if (text == null) {
            return null;
        }
        String printable = text.replaceAll("\\p{Cntrl}", " ");
        return printable.length() > 200 ? printable.substring(0, 200) : printable;
    }
}
