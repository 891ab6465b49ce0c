package io.branchlink.channel.cashbooking.internal;

import io.branchlink.channel.account.AccountClasses;
import io.branchlink.channel.cardless.TokenKeys;
import io.branchlink.channel.cashbooking.BookingStatus;
import io.branchlink.channel.cashbooking.CashBooking;
import io.branchlink.channel.cashbooking.CashBookings;
import io.branchlink.channel.customer.CustomerPrincipal;
import io.branchlink.channel.ledger.Account;
import io.branchlink.channel.ledger.Ledger;
import io.branchlink.channel.risk.RiskAction;
import io.branchlink.channel.risk.RiskChannel;
import io.branchlink.channel.risk.RiskEngine;
import io.branchlink.channel.risk.RiskEvent;
import io.branchlink.channel.risk.RiskGate;
import io.branchlink.channel.risk.RiskLocation;
import io.branchlink.channel.risk.RiskRequest;
import io.branchlink.channel.risk.RiskSignals;
import io.branchlink.channel.system.ApiException;
import io.branchlink.protocol.money.Money;
import io.branchlink.protocol.qr.QrToken;
import io.branchlink.protocol.qr.QrTokenCodec;
import io.branchlink.protocol.qr.TokenType;
import io.branchlink.protocol.rc.Irc;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Makes, shows and cancels large-cash bookings. Making one checks the bounds ({@link BookingRules}), asks the risk
 * engine (app bookings, {@code LARGE_CASH_BOOKING}) and places a hold for the amount in the transaction that records
 * the booking, so an open booking always has the money behind it. App bookings are idempotent per customer on
 * {@code requestId}; counter bookings on the form's draft.
 *
 * @see io.branchlink.channel.cashbooking.CashBookingIntegrationTests
 */
@Service
class CashBookingService implements CashBookings {

    private static final Logger log = LoggerFactory.getLogger(CashBookingService.class);
    static final String REFUSALS = "branchlink.cashbooking.refusals";

    private final JdbcClient jdbc;
    private final Ledger ledger;
    private final BookingRules rules;
    private final RiskGate risk;
    private final RiskEngine engine;
    private final AccountClasses accountClasses;
    private final TokenKeys keys;
    private final CashBookingProperties properties;
    private final Clock clock;
    private final MeterRegistry meters;
    private final SecureRandom random = new SecureRandom();

    CashBookingService(JdbcClient jdbc, Ledger ledger, BookingRules rules, RiskGate risk, RiskEngine engine,
            AccountClasses accountClasses, TokenKeys keys, CashBookingProperties properties, Clock clock,
            MeterRegistry meters) {
        this.jdbc = jdbc;
        this.ledger = ledger;
        this.rules = rules;
        this.risk = risk;
        this.engine = engine;
        this.accountClasses = accountClasses;
        this.keys = keys;
        this.properties = properties;
        this.clock = clock;
        this.meters = meters;
    }

    /**
     * Books from the app: the same {@code requestId} with the same booking answers the first booking without a
     * second hold; with a different booking it is refused (409 DUPLICATE).
     *
     * @param device what the app reported about the phone's integrity
     * @param stepUpId a step-up the phone passed for this same booking, or null
     */
    @Transactional
    public CashBooking book(CustomerPrincipal customer, AppBooking booking, RiskSignals device, String stepUpId) {
        lockCustomer(customer.customerId());
        String hash = hash(booking);
        Optional<Replay> earlier = jdbc.sql("""
                select id, request_hash from cash_bookings where customer_id = ? and request_id = ?
                """).params(customer.customerId(), booking.requestId()).query(Replay.class).optional();
        if (earlier.isPresent()) {
            if (!earlier.get().requestHash().equals(hash)) {
                throw refused("request-reused", new ApiException(Irc.DUPLICATE,
                        "This requestId was used for a different booking."));
            }
            meters.counter("branchlink.cashbooking.replays").increment();
            return load(earlier.get().id());
        }
        Account account = ownAccount(customer.customerId(), booking.accountId());
        accountClasses.requireCash(account.id(), "large-cash-booking");
        requireBounds(booking.amount(), booking.denomination(), booking.withdrawalDate(), booking.branchId());
        RiskRequest request = new RiskRequest(RiskAction.LARGE_CASH_BOOKING, customer.customerId(),
                customer.deviceId(), account.id(), booking.amount(), null,
                new RiskLocation(null, null, booking.branchId()), RiskChannel.APP, null, device);
        risk.check(request, stepUpId);
        CashBooking made = insert(customer.customerId(), account, booking.branchId(), booking.amount(),
                booking.withdrawalDate(), booking.denomination(), null, booking.requestId(), hash);
        engine.recordAfterCommit(RiskEvent.of(request, clock.instant()));
        return made;
    }

    @Override
    @Transactional
    public CashBooking bookAtCounter(CounterBooking booking) {
        Optional<UUID> earlier = jdbc.sql("select id from cash_bookings where draft_id = ?").param(booking.draftId())
                .query(UUID.class).optional();
        if (earlier.isPresent()) {
            return load(earlier.get());
        }
        Account account = ownAccount(booking.customerId(), booking.accountId());
        accountClasses.requireCash(account.id(), "large-cash-booking");
        requireBounds(booking.amount(), booking.denomination(), booking.withdrawalDate(), booking.branchId());
        return insert(booking.customerId(), account, booking.branchId(), booking.amount(), booking.withdrawalDate(),
                booking.denomination(), booking.draftId(), null, null);
    }

    @Transactional(readOnly = true)
    public CashBooking find(CustomerPrincipal customer, UUID bookingId) {
        return jdbc.sql("select " + CashBooking.COLUMNS + " from cash_bookings where id = ? and customer_id = ?"
                        + " and status <> 'LEGACY'")
                .params(bookingId, customer.customerId())
                .query(CashBooking.class)
                .optional()
                .orElseThrow(() -> ApiException.notFound("Booking"));
    }

    @Transactional(readOnly = true)
    public List<CashBooking> recent(CustomerPrincipal customer) {
        return jdbc.sql("select " + CashBooking.COLUMNS + " from cash_bookings where customer_id = ?"
                        + " and status <> 'LEGACY' order by created_at desc, id limit 20")
                .param(customer.customerId())
                .query(CashBooking.class)
                .list();
    }

    /** Cancels a booking before its day and releases its hold. */
    @Transactional
    public CashBooking cancel(CustomerPrincipal customer, UUID bookingId) {
        CashBooking booking = find(customer, bookingId);
        if (booking.status() != BookingStatus.BOOKED) {
            throw refused("cancel-" + booking.status().name().toLowerCase(), new ApiException(Irc.CONFLICT,
                    "This booking is already " + describe(booking.status()) + "."));
        }
        if (!booking.withdrawalDate().isAfter(rules.today())) {
            throw refused("cancel-on-the-day", new ApiException(Irc.CONFLICT,
                    "A booking can be cancelled until the day before; on the day it is released if you do not come."));
        }
        Optional<UUID> hold = jdbc.sql("""
                update cash_bookings set status = 'CANCELLED', closed_at = ?
                 where id = ? and customer_id = ? and status = 'BOOKED'
                returning hold_id
                """)
                .params(Timestamp.from(clock.instant()), bookingId, customer.customerId())
                .query(UUID.class)
                .optional();
        if (hold.isEmpty()) {
            throw refused("cancel-raced", new ApiException(Irc.CONFLICT, "This booking was closed meanwhile."));
        }
        ledger.releaseHold(hold.get());
        log.info("cash booking cancelled booking={} customer={}", bookingId, customer.customerId());
        return load(bookingId);
    }

    /** The signed code for the counter scanner, valid for {@code codeTtl}; only while the booking is open. */
    @Transactional(readOnly = true)
    public String code(CustomerPrincipal customer, UUID bookingId) {
        CashBooking booking = find(customer, bookingId);
        if (booking.status() != BookingStatus.BOOKED) {
            throw refused("code-" + booking.status().name().toLowerCase(), new ApiException(Irc.CONFLICT,
                    "This booking is " + describe(booking.status()) + "."));
        }
        String codeId = jdbc.sql("select code_id from cash_bookings where id = ?").param(bookingId)
                .query(String.class).single();
        Instant expiresAt = clock.instant().plus(properties.codeTtl()).truncatedTo(ChronoUnit.SECONDS);
        return keys.sign(new QrToken(QrTokenCodec.VERSION, TokenType.CASH_BOOKING, keys.activeKeyId(),
                HexFormat.of().parseHex(codeId), expiresAt, Money.ofMinor(booking.amount(), booking.currency()),
                booking.branchId()));
    }

    private CashBooking insert(UUID customerId, Account account, String branchId, Money amount, LocalDate day,
            String denomination, UUID draftId, String requestId, String requestHash) {
        UUID holdId = ledger.placeHold(account.id(), amount.minorUnits(), "cash booking")
                .orElseThrow(() -> refused("funds", new ApiException(Irc.NOT_SUFFICIENT_FUNDS,
                        "The available balance of account " + account.maskedNumber() + " is lower than " + amount
                                + ".")));
        UUID id = UUID.randomUUID();
        byte[] code = new byte[QrToken.TOKEN_ID_BYTES];
        random.nextBytes(code);
        jdbc.sql("""
                insert into cash_bookings (id, draft_id, customer_id, branch_id, account_id, amount, currency,
                                           withdrawal_date, denomination, created_at, status, hold_id, request_id,
                                           request_hash, code_id)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'BOOKED', ?, ?, ?, ?)
                """)
                .params(id, draftId, customerId, branchId, account.id(), amount.minorUnits(), amount.currencyCode(),
                        day, denomination, Timestamp.from(clock.instant()), holdId, requestId, requestHash,
                        HexFormat.of().formatHex(code))
                .update();
        log.info("cash booking made booking={} branch={} day={} account={} amount={} denomination={} counter={}", id,
                branchId, day, account.maskedNumber(), amount, denomination, draftId != null);
        meters.counter("branchlink.cashbooking.booked", "channel", draftId != null ? "COUNTER" : "APP").increment();
        return load(id);
    }

    private CashBooking load(UUID id) {
        return jdbc.sql("select " + CashBooking.COLUMNS + " from cash_bookings where id = ?").param(id)
                .query(CashBooking.class).single();
    }

    private Account ownAccount(UUID customerId, UUID accountId) {
        // deposit accounts only: cash is never paid from a credit card's account (kind CARD)
        Account account = ledger.find(accountId)
                .filter(a -> customerId.equals(a.customerId()) && "CUSTOMER".equals(a.kind()))
                .orElseThrow(() -> ApiException.notFound("Account"));
        if (!account.currency().equals(properties.currency())) {
            throw refused("currency", new ApiException(Irc.INVALID_TRANSACTION,
                    "The account is kept in " + account.currency() + "."));
        }
        return account;
    }

    /** The booking's bounds ({@link BookingRules}); a refusal is logged and counted by its result code. */
    private void requireBounds(Money amount, String denomination, LocalDate day, String branchId) {
        try {
            rules.requireAmount(amount, denomination);
            rules.requireDay(day);
            rules.requireBranch(branchId);
        } catch (ApiException e) {
            throw refused("bounds-" + e.irc().name().toLowerCase(), e);
        }
    }

    private void lockCustomer(UUID customerId) {
        jdbc.sql("select id from customers where id = ? for update").param(customerId).query(UUID.class).single();
    }

    private ApiException refused(String reason, ApiException refusal) {
        log.info("cash booking refused reason={}", reason);
        meters.counter(REFUSALS, "reason", reason).increment();
        return refusal;
    }

    static String describe(BookingStatus status) {
        return switch (status) {
            case BOOKED -> "booked";
            case PAID -> "paid out";
            case CANCELLED -> "cancelled";
            case NO_SHOW -> "released: nobody came on the day";
            case LEGACY -> "not a reservation";
        };
    }

    private static String hash(AppBooking booking) {
        String canonical = booking.accountId() + "|" + booking.amount().minorUnits() + "|"
                + booking.amount().currencyCode() + "|" + booking.withdrawalDate() + "|" + booking.branchId() + "|"
                + booking.denomination();
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What the app books. */
    record AppBooking(UUID accountId, Money amount, LocalDate withdrawalDate, String branchId, String denomination,
            String requestId) {
    }

    private record Replay(UUID id, String requestHash) {
    }
}
