package io.branchlink.channel.cardless.internal;

import io.branchlink.channel.account.AccountClasses;
import io.branchlink.channel.cardless.CardlessProperties;
import io.branchlink.channel.cardless.CardlessStaging;
import io.branchlink.channel.cardless.CardlessToken;
import io.branchlink.channel.cardless.TokenKeys;
import io.branchlink.channel.cardless.TokenStatus;
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
import java.math.BigDecimal;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Stages, shows, cancels and expires cardless tokens for the mobile app. Staging a withdrawal checks the
 * customer's limits and places a hold for the amount in the same transaction that records the token, so a token
 * always has the money behind it. A Class II electronic account takes and gives no cash ({@link AccountClasses}).
 * After the customer's own limits, staging asks the risk engine ({@link RiskGate}); the staged action is recorded
 * with it once the transaction committed.
 *
 * @see io.branchlink.channel.cardless.CardlessIntegrationTests
 */
@Service
public class CardlessService implements CardlessStaging {

    private static final Logger log = LoggerFactory.getLogger(CardlessService.class);

    private final JdbcClient jdbc;
    private final Ledger ledger;
    private final TokenKeys keys;
    private final CardlessProperties properties;
    private final Clock clock;
    private final RiskGate risk;
    private final RiskEngine engine;
    private final AccountClasses accountClasses;
    private final SecureRandom random = new SecureRandom();

    CardlessService(JdbcClient jdbc, Ledger ledger, TokenKeys keys, CardlessProperties properties, Clock clock,
            RiskGate risk, RiskEngine engine, AccountClasses accountClasses) {
        this.jdbc = jdbc;
        this.ledger = ledger;
        this.keys = keys;
        this.properties = properties;
        this.clock = clock;
        this.risk = risk;
        this.engine = engine;
        this.accountClasses = accountClasses;
    }

    /**
     * Stages a cash withdrawal: limits, the risk engine, a hold for the amount, and a signed WITHDRAWAL token.
     *
     * @param position the phone's position (latitude and longitude only), or null
     * @param device what the app reported about the phone's integrity
     * @param stepUpId a step-up passed for this same withdrawal, or null
     */
    @Transactional
    public Staged stageWithdrawal(CustomerPrincipal customer, UUID accountId, Money amount, String branchId,
            RiskLocation position, RiskSignals device, String stepUpId) {
        return stageWithdrawal(customer, accountId, amount, branchId, null, properties.tokenTtl(), position, device,
                stepUpId);
    }

    @Override
    @Transactional
    public IssuedToken withdrawalAt(CustomerPrincipal customer, UUID accountId, Money amount, String branchId,
            String terminalId, Duration ttl, RiskSignals device, String stepUpId) {
        Staged staged = stageWithdrawal(customer, accountId, amount, branchId, terminalId, ttl, null, device,
                stepUpId);
        return new IssuedToken(find(customer, staged.claims().tokenIdHex()), staged.text());
    }

    private Staged stageWithdrawal(CustomerPrincipal customer, UUID accountId, Money amount, String branchId,
            String terminalId, Duration ttl, RiskLocation position, RiskSignals device, String stepUpId) {
        Account account = ownAccount(customer, accountId, amount.currencyCode());
        accountClasses.requireCash(account.id(), "cardless-withdrawal");
        requireStrongSession(customer);
        requireBranch(branchId);
        requireWithdrawalAmount(customer, amount);
        lockCustomer(customer.customerId());
        long stagedToday = stagedToday(customer.customerId());
        boolean coolingOff = coolingOff(customer);
        Money dailyLimit = money(coolingOff ? properties.coolOffDailyLimit() : properties.dailyLimit());
        if (stagedToday + amount.minorUnits() > dailyLimit.minorUnits()) {
            throw new ApiException(Irc.EXCEEDS_LIMIT, (coolingOff
                    ? "A newly bound phone or changed phone number limits cardless withdrawals to "
                    : "This would pass the daily cardless withdrawal limit of ") + dailyLimit
                    + (coolingOff ? " a day." : "."));
        }
        RiskRequest request = new RiskRequest(RiskAction.CARDLESS_WITHDRAWAL, customer.customerId(),
                customer.deviceId(), account.id(), amount, null, location(position, branchId), RiskChannel.APP, null,
                device);
        risk.check(request, stepUpId);
        UUID holdId = ledger.placeHold(account.id(), amount.minorUnits(), "cardless withdrawal")
                .orElseThrow(() -> new ApiException(Irc.NOT_SUFFICIENT_FUNDS,
                        "The available balance is lower than " + amount + "."));
        Staged staged = issue(customer, account, TokenType.WITHDRAWAL, amount, branchId, holdId, terminalId, ttl);
        engine.recordAfterCommit(RiskEvent.of(request, clock.instant()));
        return staged;
    }

    /**
     * Stages a cash deposit into one of the customer's accounts, after the risk engine; the ITM counts the amount.
     *
     * @param position the phone's position (latitude and longitude only), or null
     * @param device what the app reported about the phone's integrity
     * @param stepUpId a step-up passed for this same deposit, or null
     */
    @Transactional
    public Staged stageDeposit(CustomerPrincipal customer, UUID accountId, String branchId, RiskLocation position,
            RiskSignals device, String stepUpId) {
        return stageDeposit(customer, accountId, branchId, null, properties.tokenTtl(), position, device, stepUpId);
    }

    @Override
    @Transactional
    public IssuedToken depositAt(CustomerPrincipal customer, UUID accountId, String branchId, String terminalId,
            Duration ttl, RiskSignals device, String stepUpId) {
        Staged staged = stageDeposit(customer, accountId, branchId, terminalId, ttl, null, device, stepUpId);
        return new IssuedToken(find(customer, staged.claims().tokenIdHex()), staged.text());
    }

    @Override
    @Transactional(readOnly = true)
    public String activeText(String tokenId) {
        return jdbc.sql("select " + CardlessToken.COLUMNS + " from cardless_tokens where token_id = ?")
                .param(tokenId)
                .query(CardlessToken.class)
                .optional()
                .filter(token -> token.status() == TokenStatus.ACTIVE && token.keyId().equals(keys.activeKeyId()))
                .map(token -> keys.sign(claims(token)))
                .orElse(null);
    }

    private Staged stageDeposit(CustomerPrincipal customer, UUID accountId, String branchId, String terminalId,
            Duration ttl, RiskLocation position, RiskSignals device, String stepUpId) {
        Account account = ownAccount(customer, accountId, properties.currency());
        accountClasses.requireCash(account.id(), "cardless-deposit");
        requireStrongSession(customer);
        requireBranch(branchId);
        RiskRequest request = new RiskRequest(RiskAction.CARDLESS_DEPOSIT, customer.customerId(),
                customer.deviceId(), account.id(), null, null, location(position, branchId), RiskChannel.APP, null, device);
        risk.check(request, stepUpId);
        Staged staged = issue(customer, account, TokenType.DEPOSIT, null, branchId, null, terminalId, ttl);
        engine.recordAfterCommit(RiskEvent.of(request, clock.instant()));
        return staged;
    }

    /** The phone's position and the branch together, or null when neither is known. */
    private static RiskLocation location(RiskLocation position, String branchId) {
        if (position == null && branchId == null) {
            return null;
        }
        return position == null ? new RiskLocation(null, null, branchId)
                : new RiskLocation(position.latitude(), position.longitude(), branchId);
    }

    @Transactional(readOnly = true)
    public CardlessToken find(CustomerPrincipal customer, String tokenId) {
        return jdbc.sql("select " + CardlessToken.COLUMNS + " from cardless_tokens where token_id = ? and customer_id = ?")
                .params(tokenId, customer.customerId())
                .query(CardlessToken.class)
                .optional()
                .orElseThrow(() -> ApiException.notFound("Token"));
    }

    @Transactional(readOnly = true)
    public List<CardlessToken> recent(CustomerPrincipal customer) {
        return jdbc.sql("select " + CardlessToken.COLUMNS
                        + " from cardless_tokens where customer_id = ? order by created_at desc limit 20")
                .param(customer.customerId())
                .query(CardlessToken.class)
                .list();
    }

    /** The token text again, for the QR code; only while the token can still be used. */
    @Transactional(readOnly = true)
    public String text(CustomerPrincipal customer, String tokenId) {
        CardlessToken token = find(customer, tokenId);
        if (token.status() != TokenStatus.ACTIVE) {
            throw new ApiException(Irc.CONFLICT, "This token is " + token.status().name().toLowerCase() + ".");
        }
        if (!token.keyId().equals(keys.activeKeyId())) {
            throw new ApiException(Irc.CONFLICT, "This token was signed with a retired key; stage a new one.");
        }
        return keys.sign(claims(token));
    }

    /** Cancels an active token and releases its hold. */
    @Transactional
    public CardlessToken cancel(CustomerPrincipal customer, String tokenId) {
        find(customer, tokenId);
        int updated = jdbc.sql("""
                update cardless_tokens set status = ?, closed_at = now()
                 where token_id = ? and customer_id = ? and status = ?
                """)
                .params(TokenStatus.CANCELLED.name(), tokenId, customer.customerId(),
                        TokenStatus.sourceOf(TokenStatus.CANCELLED).name())
                .update();
        CardlessToken token = find(customer, tokenId);
        if (updated == 0) {
            throw new ApiException(Irc.CONFLICT,
                    "This token is already " + token.status().name().toLowerCase() + ".");
        }
        if (token.holdId() != null) {
            ledger.releaseHold(token.holdId());
        }
        log.info("token cancelled token={} customer={}", token.shortId(), customer.customerId());
        return token;
    }

    /**
     * Expires tokens past their expiry plus the clock skew and releases their holds; a token that a hub is
     * redeeming at that moment is locked, and is either used or expired, never both.
     *
     * @return how many tokens expired
     */
    @Transactional
    public int expireDue() {
        Instant cutoff = clock.instant().minus(properties.clockSkew());
        List<CardlessToken> expired = jdbc.sql("""
                update cardless_tokens set status = ?, closed_at = now()
                 where token_id in (select token_id from cardless_tokens
                                     where status = ? and expires_at < ?
                                     order by expires_at limit 500 for update skip locked)
                returning\s""" + CardlessToken.COLUMNS)
                .params(TokenStatus.EXPIRED.name(), TokenStatus.sourceOf(TokenStatus.EXPIRED).name(),
                        Timestamp.from(cutoff))
                .query(CardlessToken.class)
                .list();
        for (CardlessToken token : expired) {
            if (token.holdId() != null) {
                ledger.releaseHold(token.holdId());
            }
            log.info("token expired token={} type={}", token.shortId(), token.type());
        }
        return expired.size();
    }

    private Staged issue(CustomerPrincipal customer, Account account, TokenType type, Money amount, String branchId,
            UUID holdId, String terminalId, Duration ttl) {
        byte[] tokenId = new byte[QrToken.TOKEN_ID_BYTES];
        random.nextBytes(tokenId);
        Instant expiresAt = clock.instant().plus(ttl).truncatedTo(ChronoUnit.SECONDS);
        QrToken claims = new QrToken(QrTokenCodec.VERSION, type, keys.activeKeyId(), tokenId, expiresAt, amount,
                branchId);
        jdbc.sql("""
                insert into cardless_tokens (token_id, type, customer_id, account_id, device_id, amount, currency,
                                             branch_id, key_id, expires_at, status, hold_id, terminal_id)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
                .params(claims.tokenIdHex(), type.name(), customer.customerId(), account.id(), customer.deviceId(),
                        amount == null ? null : amount.minorUnits(), account.currency(), branchId, claims.keyId(),
                        Timestamp.from(expiresAt), TokenStatus.ACTIVE.name(), holdId, terminalId)
                .update();
        log.info("token staged token={} type={} account={} amount={}", claims.tokenIdHex().substring(0, 8), type,
                account.maskedNumber(), amount);
        return new Staged(claims, keys.sign(claims));
    }

    private Account ownAccount(CustomerPrincipal customer, UUID accountId, String currency) {
        // deposit accounts only: cash never moves to or from a credit card's account (kind CARD)
        Account account = ledger.find(accountId)
                .filter(a -> customer.customerId().equals(a.customerId()) && "CUSTOMER".equals(a.kind()))
                .orElseThrow(() -> ApiException.notFound("Account"));
        if (!account.currency().equals(currency)) {
            throw new ApiException(Irc.INVALID_TRANSACTION, "The account is kept in " + account.currency() + ".");
        }
        return account;
    }

    private void requireStrongSession(CustomerPrincipal customer) {
        if (!customer.deviceBound()) {
            throw new ApiException(Irc.STEP_UP_REQUIRED, "Bind this phone to your profile before cardless cash.");
        }
        if (customer.sessionCreatedAt().isBefore(clock.instant().minus(properties.freshLogin()))) {
            throw new ApiException(Irc.STEP_UP_REQUIRED, "Log in again to confirm it is you.");
        }
    }

    private void requireBranch(String branchId) {
        if (branchId != null && jdbc.sql("select count(*) from branches where id = ?").param(branchId)
                .query(Integer.class).single() == 0) {
            throw ApiException.notFound("Branch");
        }
    }

    private void requireWithdrawalAmount(CustomerPrincipal customer, Money amount) {
        long unit = money(properties.withdrawalUnit()).minorUnits();
        if (!amount.isPositive() || amount.minorUnits() % unit != 0) {
            throw new ApiException(Irc.INVALID_AMOUNT,
                    "Cardless withdrawals are whole multiples of " + money(properties.withdrawalUnit()) + ".");
        }
        boolean coolingOff = coolingOff(customer);
        Money limit = money(coolingOff ? properties.coolOffPerTransactionLimit() : properties.perTransactionLimit());
        if (amount.minorUnits() > limit.minorUnits()) {
            throw new ApiException(Irc.EXCEEDS_LIMIT, (coolingOff
                    ? "A newly bound phone or changed phone number limits a withdrawal to "
                    : "A single cardless withdrawal is limited to ") + limit + ".");
        }
    }

    /** A phone bound or a phone number changed within the cool-off: the lower limits apply. */
    private boolean coolingOff(CustomerPrincipal customer) {
        return isRecent(customer.deviceBoundAt()) || isRecent(customer.phoneChangedAt());
    }

    private boolean isRecent(Instant moment) {
        return moment != null && moment.isAfter(clock.instant().minus(properties.coolOff()));
    }

    private void lockCustomer(UUID customerId) {
        jdbc.sql("select id from customers where id = ? for update").param(customerId).query(UUID.class).single();
    }

    private long stagedToday(UUID customerId) {
        LocalDate today = LocalDate.now(clock.withZone(properties.zone()));
        Instant startOfDay = today.atStartOfDay(properties.zone()).toInstant();
        return jdbc.sql("""
                select coalesce(sum(amount), 0) from cardless_tokens
                 where customer_id = ? and type = 'WITHDRAWAL' and status in ('ACTIVE', 'USED') and created_at >= ?
                """)
                .params(customerId, Timestamp.from(startOfDay))
                .query(Long.class)
                .single();
    }

    Money money(BigDecimal decimal) {
        return Money.of(decimal, properties.currency());
    }

    static QrToken claims(CardlessToken token) {
        return new QrToken(QrTokenCodec.VERSION, TokenType.valueOf(token.type()),
                token.keyId(), HexFormat.of().parseHex(token.tokenId()), token.expiresAt(),
                token.amount() == null ? null : Money.ofMinor(token.amount(), token.currency()), token.branchId());
    }

    /** A freshly staged token: its claims and the signed text to show as a QR code. */
    public record Staged(QrToken claims, String text) {
    }
}
