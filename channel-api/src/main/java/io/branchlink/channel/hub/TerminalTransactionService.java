package io.branchlink.channel.hub;

import io.branchlink.channel.ledger.InsufficientFundsException;
import io.branchlink.channel.ledger.Ledger;
import io.branchlink.channel.ledger.Posting;
import io.branchlink.channel.system.ApiException;
import io.branchlink.channel.token.CardlessProperties;
import io.branchlink.channel.token.CardlessService;
import io.branchlink.channel.token.CardlessToken;
import io.branchlink.channel.token.TokenKeys;
import io.branchlink.protocol.money.Money;
import io.branchlink.protocol.qr.QrToken;
import io.branchlink.protocol.qr.QrTokenCodec;
import io.branchlink.protocol.qr.TokenFailure;
import io.branchlink.protocol.qr.TokenFormatException;
import io.branchlink.protocol.qr.TokenType;
import io.branchlink.protocol.qr.TokenVerification;
import io.branchlink.protocol.rc.Irc;
import java.math.BigDecimal;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Decides terminal transactions for branch hubs. Each call runs in one database transaction that first claims the
 * transaction key; a second call with the same key waits for the first and then gets the stored answer, so a
 * retried request is never applied twice. The token's single use is decided by {@link CardlessService#use}.
 *
 * @see io.branchlink.channel.hub.HubRedemptionIntegrationTests
 */
@Service
class TerminalTransactionService {

    private static final Logger log = LoggerFactory.getLogger(TerminalTransactionService.class);
    /** Outcome of a key whose reversal arrived before (or instead of) its original request. */
    static final String REVERSED_UNSEEN = "REVERSED_UNSEEN";
    static final String SUSPENSE_ACCOUNT = "SUSPENSE-CARDLESS";

    private final JdbcClient jdbc;
    private final Ledger ledger;
    private final CardlessService cardless;
    private final TokenKeys keys;
    private final CardlessProperties properties;
    private final SecureRandom random = new SecureRandom();

    TerminalTransactionService(JdbcClient jdbc, Ledger ledger, CardlessService cardless, TokenKeys keys,
            CardlessProperties properties) {
        this.jdbc = jdbc;
        this.ledger = ledger;
        this.cardless = cardless;
        this.keys = keys;
        this.properties = properties;
    }

    @Transactional
    public HubApi.Decision withdraw(HubPrincipal hub, HubApi.WithdrawalRequest request) {
        Opened opened = open(hub, "WITHDRAWAL", request.terminalId(), request.stan(), request.transmittedAt(),
                request.token(), request.amount(), request.currency(), request.rrn());
        return opened.answer() != null ? opened.answer()
                : redeem(request, opened.terminal(), opened.amount(), opened.key(), opened.tokenId());
    }

    private HubApi.Decision redeem(HubApi.WithdrawalRequest request, Terminal terminal, Money amount,
            TerminalTransactionKey key, String tokenId) {
        TokenVerification verification = keys.verifier().verify(request.token(), TokenType.WITHDRAWAL,
                terminal.branchId());
        if (verification instanceof TokenVerification.Invalid invalid) {
            return decide(key, invalid.failure().irc(), describe(invalid.failure()));
        }
        QrToken claims = ((TokenVerification.Valid) verification).token();
        if (!amount.equals(claims.amount())) {
            return decide(key, Irc.INVALID_AMOUNT, "The amount differs from the staged withdrawal.");
        }
        Optional<CardlessToken> used = cardless.use(tokenId, TokenType.WITHDRAWAL, true);
        if (used.isEmpty()) {
            return refusedToken(key, tokenId);
        }
        UUID entry = ledger.captureHold(used.get().holdId(), terminal.cashAccountId(), "CARDLESS_WITHDRAWAL",
                key.reference()).orElseThrow(() -> new IllegalStateException("hold of a used token was not open"));
        return approve(key, entry, used.get());
    }

    @Transactional
    public HubApi.Decision deposit(HubPrincipal hub, HubApi.DepositRequest request) {
        Opened opened = open(hub, "DEPOSIT", request.terminalId(), request.stan(), request.transmittedAt(),
                request.token(), request.amount(), request.currency(), request.rrn());
        return opened.answer() != null ? opened.answer()
                : credit(request, opened.terminal(), opened.amount(), opened.key(), opened.tokenId());
    }

    private HubApi.Decision credit(HubApi.DepositRequest request, Terminal terminal, Money amount,
            TerminalTransactionKey key, String tokenId) {
        TokenVerification verification = keys.verifier().verify(request.token(), TokenType.DEPOSIT,
                terminal.branchId());
        if (verification instanceof TokenVerification.Invalid invalid
                && !(request.advice() && invalid.failure() == TokenFailure.EXPIRED
                        && scopeFits(invalid.token(), terminal.branchId()))) {
            return decide(key, invalid.failure().irc(), describe(invalid.failure()));
        }
        if (!amount.isPositive()
                || (!request.advice() && amount.minorUnits() > money(properties.depositMaximum(), amount).minorUnits())) {
            return decide(key, Irc.INVALID_AMOUNT, "A cardless deposit is at most "
                    + money(properties.depositMaximum(), amount) + ".");
        }
        Optional<CardlessToken> used = cardless.use(tokenId, TokenType.DEPOSIT, !request.advice());
        if (used.isEmpty()) {
            return refusedToken(key, tokenId);
        }
        if (!used.get().currency().equals(amount.currencyCode())) {
            throw new ApiException(Irc.INVALID_TRANSACTION, "The account is kept in " + used.get().currency() + ".");
        }
        UUID entry = ledger.post("CARDLESS_DEPOSIT", key.reference(), amount.currencyCode(), List.of(
                Posting.debit(terminal.cashAccountId(), amount.minorUnits()),
                Posting.credit(used.get().accountId(), amount.minorUnits())));
        return approve(key, entry, used.get());
    }

    /**
     * Reverses the original transaction with the request's key, by the part that was not completed. Applying it
     * twice changes nothing; a reversal for a key never seen is remembered, so the late original is refused.
     */
    @Transactional
    public HubApi.Decision reverse(HubPrincipal hub, HubApi.ReversalRequest request) {
        Terminal terminal = terminalOf(hub, request.terminalId());
        Money completed = money(request.completedAmount(), request.currency());
        TerminalTransactionKey key = TerminalTransactionKey.of(request.terminalId(), request.stan(),
                request.transmittedAt());
        Optional<Original> found = jdbc.sql("""
                select kind, token_id, amount, currency, outcome, reversed_at is not null as reversed
                  from cardless_transactions
                 where terminal_id = ? and stan = ? and transmission_date = ?
                   for update
                """)
                .params(key.terminalId(), key.stan(), key.transmissionDate())
                .query(Original.class)
                .optional();
        if (found.isEmpty()) {
            jdbc.sql("""
                    insert into cardless_transactions (terminal_id, stan, transmission_date, kind, outcome,
                                                       reversed_amount, reversed_at)
                    values (?, ?, ?, ?, ?, 0, now())
                    on conflict do nothing
                    """)
                    .params(key.terminalId(), key.stan(), key.transmissionDate(), request.kind(), REVERSED_UNSEEN)
                    .update();
            log.info("reversal for unseen transaction key={} recorded", key.reference());
            return new HubApi.Decision(Irc.APPROVED.name(), null, "Nothing was applied under this key.", false);
        }
        Original original = found.get();
        if (original.reversed()) {
            return new HubApi.Decision(Irc.APPROVED.name(), null, "Already reversed.", true);
        }
        if (!Irc.APPROVED.name().equals(original.outcome())) {
            markReversed(key, 0, null);
            return new HubApi.Decision(Irc.APPROVED.name(), null, "The original was declined: nothing to reverse.",
                    false);
        }
        if (!original.kind().equals(request.kind()) || !original.currency().equals(completed.currencyCode())
                || completed.minorUnits() < 0 || completed.minorUnits() > original.amount()) {
            return new HubApi.Decision(Irc.INVALID_AMOUNT.name(), null,
                    "The completed amount does not fit the original transaction.", false);
        }
        long remainder = original.amount() - completed.minorUnits();
        UUID entry = remainder == 0 ? null : postReversal(terminal, original, key, remainder);
        markReversed(key, remainder, entry);
        log.info("reversed key={} kind={} reversedMinor={} completedMinor={}", key.reference(), original.kind(),
                remainder, completed.minorUnits());
        return new HubApi.Decision(Irc.APPROVED.name(), null, null, false);
    }

    private UUID postReversal(Terminal terminal, Original original, TerminalTransactionKey key, long amount) {
        UUID customerAccount = cardless.lookup(original.tokenId()).orElseThrow().accountId();
        if ("WITHDRAWAL".equals(original.kind())) {
            return ledger.post("CARDLESS_WITHDRAWAL_REVERSAL", key.reference(), original.currency(), List.of(
                    Posting.debit(terminal.cashAccountId(), amount), Posting.credit(customerAccount, amount)));
        }
        try {
            return ledger.post("CARDLESS_DEPOSIT_REVERSAL", key.reference(), original.currency(), List.of(
                    Posting.debit(customerAccount, amount), Posting.credit(terminal.cashAccountId(), amount)));
        } catch (InsufficientFundsException e) {
            log.warn("deposit reversal key={} exceeds the available balance: booked to suspense for reconciliation",
                    key.reference());
            UUID suspense = jdbc.sql("select id from accounts where account_number = ?").param(SUSPENSE_ACCOUNT)
                    .query(UUID.class).single();
            return ledger.post("CARDLESS_DEPOSIT_REVERSAL_SUSPENSE", key.reference(), original.currency(), List.of(
                    Posting.debit(suspense, amount), Posting.credit(terminal.cashAccountId(), amount)));
        }
    }

    /**
     * Checks the terminal, then claims the transaction key; the answer is set when the key was decided before or the
     * terminal cannot handle cash, and this call must then return it without deciding anything.
     */
    private Opened open(HubPrincipal hub, String kind, String terminalId, int stan, Instant transmittedAt,
            String token, BigDecimal decimal, String currency, String rrn) {
        Terminal terminal = terminalOf(hub, terminalId);
        Money amount = money(decimal, currency);
        TerminalTransactionKey key = TerminalTransactionKey.of(terminalId, stan, transmittedAt);
        String tokenId = tokenIdOf(token);
        HubApi.Decision answer = claim(key, kind, tokenId, amount, rrn).orElse(null);
        if (answer == null && !"ITM".equals(terminal.kind())) {
            answer = decide(key, Irc.INVALID_TRANSACTION, "Cash is handled only at ITMs.");
        }
        return new Opened(terminal, amount, key, tokenId, answer);
    }

    /**
     * Claims the key for this call, or answers as before when it was already decided.
     *
     * @return empty when this call owns the key and must decide it
     */
    private Optional<HubApi.Decision> claim(TerminalTransactionKey key, String kind, String tokenId, Money amount,
            String rrn) {
        int inserted = jdbc.sql("""
                insert into cardless_transactions (terminal_id, stan, transmission_date, kind, token_id, amount,
                                                   currency, rrn, outcome)
                values (?, ?, ?, ?, ?, ?, ?, ?, 'PENDING')
                on conflict do nothing
                """)
                .params(key.terminalId(), key.stan(), key.transmissionDate(), kind, tokenId, amount.minorUnits(),
                        amount.currencyCode(), rrn)
                .update();
        if (inserted == 1) {
            return Optional.empty();
        }
        Stored stored = jdbc.sql("""
                select kind, token_id, amount, outcome, auth_code from cardless_transactions
                 where terminal_id = ? and stan = ? and transmission_date = ?
                """)
                .params(key.terminalId(), key.stan(), key.transmissionDate())
                .query(Stored.class)
                .single();
        if (REVERSED_UNSEEN.equals(stored.outcome())) {
            log.info("late original refused key={}: already reversed", key.reference());
            return Optional.of(new HubApi.Decision(Irc.DO_NOT_HONOUR.name(), null,
                    "This transaction was reversed before it arrived.", true));
        }
        if (stored.kind().equals(kind) && Objects.equals(stored.tokenId(), tokenId)
                && Objects.equals(stored.amount(), amount.minorUnits())) {
            return Optional.of(new HubApi.Decision(stored.outcome(), stored.authCode(), null, true));
        }
        log.warn("transaction key reused for another request key={}", key.reference());
        return Optional.of(new HubApi.Decision(Irc.DUPLICATE.name(), null,
                "This terminal, STAN and date were used for another transaction.", false));
    }

    private HubApi.Decision refusedToken(TerminalTransactionKey key, String tokenId) {
        Optional<CardlessToken> token = cardless.lookup(tokenId);
        Irc irc = token.map(t -> switch (t.status()) {
            case "USED" -> Irc.DUPLICATE;
            case "CANCELLED" -> Irc.DO_NOT_HONOUR;
            default -> Irc.TOKEN_EXPIRED;
        }).orElse(Irc.TOKEN_INVALID);
        return decide(key, irc, switch (irc) {
            case DUPLICATE -> "This token was already used.";
            case DO_NOT_HONOUR -> "This token was cancelled.";
            case TOKEN_EXPIRED -> "This token has expired.";
            default -> "This token is not known.";
        });
    }

    private HubApi.Decision decide(TerminalTransactionKey key, Irc irc, String detail) {
        jdbc.sql("update cardless_transactions set outcome = ? where terminal_id = ? and stan = ? and transmission_date = ?")
                .params(irc.name(), key.terminalId(), key.stan(), key.transmissionDate())
                .update();
        log.info("declined key={} irc={} reason=\"{}\"", key.reference(), irc, detail);
        return new HubApi.Decision(irc.name(), null, detail, false);
    }

    private HubApi.Decision approve(TerminalTransactionKey key, UUID entry, CardlessToken token) {
        String authCode = String.format("%06d", random.nextInt(1_000_000));
        jdbc.sql("""
                update cardless_transactions set outcome = 'APPROVED', auth_code = ?, entry_id = ?
                 where terminal_id = ? and stan = ? and transmission_date = ?
                """)
                .params(authCode, entry, key.terminalId(), key.stan(), key.transmissionDate())
                .update();
        log.info("approved key={} type={} token={}", key.reference(), token.type(), token.shortId());
        return new HubApi.Decision(Irc.APPROVED.name(), authCode, null, false);
    }

    private void markReversed(TerminalTransactionKey key, long amount, UUID entry) {
        jdbc.sql("""
                update cardless_transactions set reversed_amount = ?, reversal_entry_id = ?, reversed_at = now()
                 where terminal_id = ? and stan = ? and transmission_date = ?
                """)
                .params(amount, entry, key.terminalId(), key.stan(), key.transmissionDate())
                .update();
    }

    private Terminal terminalOf(HubPrincipal hub, String terminalId) {
        return jdbc.sql("select id, branch_id, kind, cash_account_id from terminals where id = ?")
                .param(terminalId)
                .query(Terminal.class)
                .optional()
                .filter(t -> t.branchId().equals(hub.branchId()))
                .orElseThrow(() -> new ApiException(Irc.ACCESS_DENIED,
                        "Terminal " + terminalId + " does not belong to this hub's branch."));
    }

    private static boolean scopeFits(QrToken claims, String branchId) {
        return claims != null && claims.type() == TokenType.DEPOSIT
                && (claims.branchId() == null || claims.branchId().equals(branchId));
    }

    /** The token id for the record; a token that cannot be parsed has none. */
    private static String tokenIdOf(String token) {
        try {
            return QrTokenCodec.parse(token).claims().tokenIdHex();
        } catch (TokenFormatException e) {
            return null;
        }
    }

    private static String describe(TokenFailure failure) {
        return switch (failure) {
            case MALFORMED, UNSUPPORTED_VERSION -> "The QR code is not a BranchLink token.";
            case UNKNOWN_KEY, BAD_SIGNATURE -> "The token's signature is not valid.";
            case EXPIRED -> "This token has expired.";
            case WRONG_TYPE -> "This token is for another kind of transaction.";
            case WRONG_BRANCH -> "This token is for another branch.";
        };
    }

    private Money money(BigDecimal amount, String currency) {
        try {
            return Money.parse(amount.toPlainString(), currency);
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new ApiException(Irc.INVALID_AMOUNT, "The amount is not valid in " + currency + ".");
        }
    }

    private static Money money(BigDecimal amount, Money like) {
        return Money.parse(amount.toPlainString(), like.currencyCode());
    }

    record Terminal(String id, String branchId, String kind, UUID cashAccountId) {
    }

    private record Opened(Terminal terminal, Money amount, TerminalTransactionKey key, String tokenId,
            HubApi.Decision answer) {
    }

    private record Original(String kind, String tokenId, Long amount, String currency, String outcome,
            boolean reversed) {
    }

    private record Stored(String kind, String tokenId, Long amount, String outcome, String authCode) {
    }
}
