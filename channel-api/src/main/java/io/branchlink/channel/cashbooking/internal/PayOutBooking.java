package io.branchlink.channel.cashbooking.internal;

import io.branchlink.channel.cardless.TokenKeys;
import io.branchlink.channel.cashbooking.BookingStatus;
import io.branchlink.channel.ledger.Account;
import io.branchlink.channel.ledger.Ledger;
import io.branchlink.protocol.hubapi.CashBookingAtCounter;
import io.branchlink.protocol.money.Money;
import io.branchlink.protocol.qr.QrToken;
import io.branchlink.protocol.qr.TokenType;
import io.branchlink.protocol.qr.TokenVerification;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A booking at the teller's counter: the scanned code is verified (signature, expiry, type, the hub's branch) and
 * resolved to the booking the console shows; the teller's one click pays it out exactly once (idempotent on the
 * confirmation id, a conditional status update): the hold is captured into the branch's cash GL account
 * ({@link BranchCash}) and the voucher archived ({@link PayoutVouchers}). Another branch, another day, a cancelled,
 * released or paid booking is a refusal with its reason, never an error, and moves no money.
 *
 * @see io.branchlink.channel.cashbooking.CashBookingCounterIntegrationTests
 */
@Service
class PayOutBooking {

    private static final Logger log = LoggerFactory.getLogger(PayOutBooking.class);
    static final String REFUSALS = "branchlink.cashbooking.counter.refusals";

    private final JdbcClient jdbc;
    private final Ledger ledger;
    private final TokenKeys keys;
    private final BookingRules rules;
    private final BranchCash branchCash;
    private final PayoutVouchers vouchers;
    private final Clock clock;
    private final MeterRegistry meters;

    PayOutBooking(JdbcClient jdbc, Ledger ledger, TokenKeys keys, BookingRules rules, BranchCash branchCash,
            PayoutVouchers vouchers, Clock clock, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.ledger = ledger;
        this.keys = keys;
        this.rules = rules;
        this.branchCash = branchCash;
        this.vouchers = vouchers;
        this.clock = clock;
        this.meters = meters;
    }

    /** The booking a scanned code names, or the refusal the console shows; never throws for any text. */
    @Transactional(readOnly = true)
    public CashBookingAtCounter resolve(String branchId, String text) {
        TokenVerification checked = keys.verifier().verify(text, TokenType.CASH_BOOKING, branchId);
        if (checked instanceof TokenVerification.Invalid invalid) {
            Refusal refusal = switch (invalid.failure()) {
                case MALFORMED, UNSUPPORTED_VERSION, WRONG_TYPE -> Refusal.NOT_A_BOOKING;
                case UNKNOWN_KEY, BAD_SIGNATURE -> Refusal.FORGED;
                case EXPIRED -> Refusal.CODE_EXPIRED;
                case WRONG_BRANCH -> Refusal.WRONG_BRANCH;
            };
            return refused(refusal, invalid.token() == null ? null : invalid.token().branchId(), null);
        }
        QrToken token = ((TokenVerification.Valid) checked).token();
        Optional<Row> row = jdbc.sql("select " + Row.COLUMNS + " from cash_bookings b join customers c on c.id ="
                        + " b.customer_id join accounts a on a.id = b.account_id where b.code_id = ?")
                .param(token.tokenIdHex()).query(Row.class).optional();
        if (row.isEmpty()) {
            return refused(Refusal.UNKNOWN_BOOKING, null, null);
        }
        Optional<Refusal> refusal = check(row.get(), branchId);
        return refusal.map(r -> refused(r, row.get().branchId(), row.get()))
                .orElseGet(() -> AtCounter.ready(row.get()));
    }

    /**
     * Pays a booking out once: the same confirmation id answers the first payout again; a confirmation id already
     * used for another booking is refused.
     */
    @Transactional
    public CashBookingAtCounter pay(String branchId, UUID bookingId, UUID confirmationId, String tellerId, String terminalId) {
        Optional<UUID> confirmed = jdbc.sql("select id from cash_bookings where confirmation_id = ?")
                .param(confirmationId).query(UUID.class).optional();
        if (confirmed.isPresent()) {
            if (!confirmed.get().equals(bookingId)) {
                return refused(Refusal.CONFIRMATION_REUSED, null, null);
            }
            Row paid = lock(bookingId).orElseThrow();
            meters.counter("branchlink.cashbooking.payout.replays").increment();
            return AtCounter.paid(paid);
        }
        Optional<Row> locked = lock(bookingId);
        if (locked.isEmpty()) {
            return refused(Refusal.UNKNOWN_BOOKING, null, null);
        }
        Row booking = locked.get();
        if (booking.status() == BookingStatus.PAID && confirmationId.equals(booking.confirmationId())) {
            // a concurrent call with the same confirmation id paid it while this one waited for the lock; read again
            // in a statement that sees that call's voucher
            return AtCounter.paid(lock(bookingId).orElseThrow());
        }
        Optional<Refusal> refusal = check(booking, branchId);
        if (refusal.isPresent()) {
            return refused(refusal.get(), booking.branchId(), booking);
        }
        UUID cash = branchCash.account(branchId, booking.currency());
        UUID entry = ledger.captureHold(booking.holdId(), cash, "CASH_BOOKING_PAYOUT", "cash-booking " + bookingId)
                .orElseThrow(() -> new IllegalStateException("booked cash booking " + bookingId + " has no open hold"));
        Instant now = clock.instant();
        LocalDate today = rules.today();
        String reference = vouchers.nextReference(branchId, today);
        int updated = jdbc.sql("""
                update cash_bookings set status = 'PAID', entry_id = ?, confirmation_id = ?, voucher_reference = ?,
                                         teller_id = ?, terminal_id = ?, closed_at = ?
                 where id = ? and status = 'BOOKED'
                """)
                .params(entry, confirmationId, reference, tellerId, terminalId, Timestamp.from(now), bookingId)
                .update();
        if (updated != 1) {
            throw new IllegalStateException("cash booking " + bookingId + " changed under its lock");
        }
        Map<String, String> values = new LinkedHashMap<>();
        values.put("booking", bookingId.toString());
        values.put("account", Account.mask(booking.accountNumber()));
        values.put("amount", Money.ofMinor(booking.amount(), booking.currency()).toDecimal().toPlainString());
        values.put("withdrawalDate", booking.withdrawalDate().toString());
        values.put("denomination", booking.denomination());
        vouchers.archive(reference, values, bookingId, booking.customerId(), branchId, tellerId, terminalId,
                confirmationId, booking.createdAt(), now);
        log.info("cash booking paid out booking={} branch={} teller={} terminal={} amount={} voucher={}", bookingId,
                branchId, tellerId, terminalId, Money.ofMinor(booking.amount(), booking.currency()), reference);
        meters.counter("branchlink.cashbooking.paid").increment();
        return AtCounter.paid(lock(bookingId).orElseThrow());
    }

    private Optional<Refusal> check(Row booking, String branchId) {
        BookingStatus status = booking.status();
        if (status == BookingStatus.PAID) {
            return Optional.of(Refusal.ALREADY_PAID);
        }
        if (status == BookingStatus.CANCELLED) {
            return Optional.of(Refusal.CANCELLED);
        }
        if (status == BookingStatus.NO_SHOW || status == BookingStatus.LEGACY) {
            return Optional.of(Refusal.RELEASED);
        }
        if (!booking.branchId().equals(branchId)) {
            return Optional.of(Refusal.WRONG_BRANCH);
        }
        if (!booking.withdrawalDate().equals(rules.today())) {
            return Optional.of(Refusal.WRONG_DAY);
        }
        return Optional.empty();
    }

    private Optional<Row> lock(UUID bookingId) {
        return jdbc.sql("select " + Row.COLUMNS + " from cash_bookings b join customers c on c.id = b.customer_id"
                        + " join accounts a on a.id = b.account_id where b.id = ? for update of b")
                .param(bookingId).query(Row.class).optional();
    }

    private CashBookingAtCounter refused(Refusal refusal, String bookedBranch, Row booking) {
        log.info("cash booking refused at the counter reason={}", refusal);
        meters.counter(REFUSALS, "reason", refusal.name()).increment();
        return AtCounter.refused(refusal, bookedBranch, booking);
    }

    /** Why the counter cannot pay a booking out. */
    enum Refusal {
        NOT_A_BOOKING, FORGED, CODE_EXPIRED, UNKNOWN_BOOKING, WRONG_BRANCH, WRONG_DAY, CANCELLED, RELEASED,
        ALREADY_PAID, CONFIRMATION_REUSED
    }

    /** A booking joined with what the console shows of its customer and account. */
    record Row(UUID id, UUID customerId, String branchId, long amount, String currency, LocalDate withdrawalDate,
            String denomination, BookingStatus status, UUID holdId, String voucherReference, Instant createdAt,
            Instant closedAt, String customerName, String phone, String residentIdLast4, String accountNumber,
            String voucherContentHash, UUID confirmationId) {

        static final String COLUMNS = "b.id, b.customer_id, b.branch_id, b.amount, b.currency, b.withdrawal_date,"
                + " b.denomination, b.status, b.hold_id, b.voucher_reference, b.created_at, b.closed_at,"
                + " c.full_name as customer_name, c.phone,"
                + " coalesce(right(c.id_number, 4), c.resident_id_last4) as resident_id_last4, a.account_number,"
                + " (select v.content_hash from vouchers v where v.reference = b.voucher_reference)"
                + " as voucher_content_hash, b.confirmation_id";
    }

    /** What the teller console shows for a scanned or paid booking ({@link CashBookingAtCounter}). */
    static final class AtCounter {

        private AtCounter() {
        }

        static CashBookingAtCounter ready(Row row) {
            return of("READY", null, "Check the customer's ID card, then pay out.", row);
        }

        static CashBookingAtCounter paid(Row row) {
            return of("PAID", null, "Paid out; the voucher prints at the counter.", row);
        }

        static CashBookingAtCounter refused(Refusal refusal, String bookedBranch, Row row) {
            String message = switch (refusal) {
                case NOT_A_BOOKING -> "This code is not a large-cash booking.";
                case FORGED -> "This code was not issued by the bank.";
                case CODE_EXPIRED -> "This code has expired; the customer opens the booking in the app again.";
                case UNKNOWN_BOOKING -> "No such booking.";
                case WRONG_BRANCH -> "This booking is for branch " + (bookedBranch == null ? "?" : bookedBranch) + ".";
                case WRONG_DAY -> "This booking is for " + (row == null ? "another day" : row.withdrawalDate()) + ".";
                case CANCELLED -> "The customer cancelled this booking.";
                case RELEASED -> "This booking was released: nobody came on the day.";
                case ALREADY_PAID -> "This booking was already paid out"
                        + (row == null || row.voucherReference() == null ? "." : " (" + row.voucherReference() + ").");
                case CONFIRMATION_REUSED -> "This confirmation was used for another booking.";
            };
            if (row == null || refusal == Refusal.WRONG_BRANCH) {
                return new CashBookingAtCounter("REFUSED", refusal.name(), message, null, bookedBranch, null, null,
                        null, null, null, null, null, null, null, null, null);
            }
            return of("REFUSED", refusal.name(), message, row);
        }

        private static CashBookingAtCounter of(String outcome, String refusal, String message, Row row) {
            return new CashBookingAtCounter(outcome, refusal, message, row.id().toString(), row.branchId(),
                    row.customerName(), last4(row.phone()), row.residentIdLast4(), Account.mask(row.accountNumber()),
                    Money.ofMinor(row.amount(), row.currency()).toDecimal().toPlainString(), row.currency(),
                    row.withdrawalDate(), row.denomination(), row.voucherReference(), row.voucherContentHash(),
                    row.status() == BookingStatus.PAID ? row.closedAt() : null);
        }

        private static String last4(String phone) {
            return phone == null || phone.length() < 4 ? null : phone.substring(phone.length() - 4);
        }
    }
}
