package io.branchlink.channel.terminal.internal;

import io.branchlink.channel.cardless.CardlessToken;
import io.branchlink.channel.cardless.CardlessTokens;
import io.branchlink.channel.hubaccess.HubPrincipal;
import io.branchlink.protocol.hubapi.Decision;
import io.branchlink.protocol.money.Money;
import io.branchlink.protocol.qr.QrTokenCodec;
import io.branchlink.protocol.qr.TokenFailure;
import io.branchlink.protocol.qr.TokenFormatException;
import io.branchlink.protocol.rc.Irc;
import java.math.BigDecimal;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The journal of terminal transactions ({@code cardless_transactions}), one row per
 * {@link TerminalTransactionKey}: the caller claims the key first, inside its database transaction, so a second
 * call with the same key waits for the first and then gets the stored answer; a retried request is never applied
 * twice. Every decision is recorded on the row.
 */
@Component
public class TerminalTransactions {

    private static final Logger log = LoggerFactory.getLogger(TerminalTransactions.class);
    /** Outcome of a key whose reversal arrived before (or instead of) its original request. */
    static final String REVERSED_UNSEEN = "REVERSED_UNSEEN";

    private final JdbcClient jdbc;
    private final Terminals terminals;
    private final CardlessTokens tokens;
    private final SecureRandom random = new SecureRandom();

    TerminalTransactions(JdbcClient jdbc, Terminals terminals, CardlessTokens tokens) {
        this.jdbc = jdbc;
        this.terminals = terminals;
        this.tokens = tokens;
    }

    /**
     * Checks the terminal, then claims the transaction key; the answer is set when the key was decided before or the
     * terminal cannot handle cash, and the caller must then return it without deciding anything.
     */
    public Opened open(HubPrincipal hub, String kind, String terminalId, int stan, Instant transmittedAt,
            String token, BigDecimal decimal, String currency, String rrn) {
        return open(hub, kind, terminalId, stan, transmittedAt, token, decimal, currency, rrn, false);
    }

    /**
     * As {@link #open(HubPrincipal, String, String, int, Instant, String, BigDecimal, String, String)}; for an
     * {@code advice} (the ITM kept the notes of this key without seeing the answer) a key whose original request was
     * declined is decided again, as an advice, because the decline never reached the customer: the notes were kept.
     * An approved key answers as a duplicate, without a second credit.
     */
    public Opened open(HubPrincipal hub, String kind, String terminalId, int stan, Instant transmittedAt,
            String token, BigDecimal decimal, String currency, String rrn, boolean advice) {
        Terminal terminal = terminals.of(hub, terminalId);
        Money amount = TerminalMoney.parse(decimal, currency);
        TerminalTransactionKey key = TerminalTransactionKey.of(terminalId, stan, transmittedAt);
        String tokenId = tokenIdOf(token);
        Decision answer = claim(key, kind, tokenId, amount, rrn, advice).orElse(null);
        if (answer == null && !terminal.handlesCash()) {
            answer = decline(key, Irc.INVALID_TRANSACTION, "Cash is handled only at ITMs.");
        }
        return new Opened(terminal, amount, key, tokenId, answer);
    }

    /**
     * Claims the key for this call, or answers as before when it was already decided.
     *
     * @return empty when this call owns the key and must decide it
     */
    private Optional<Decision> claim(TerminalTransactionKey key, String kind, String tokenId, Money amount,
            String rrn, boolean advice) {
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
            return Optional.of(new Decision(Irc.DO_NOT_HONOUR.name(), null,
                    "This transaction was reversed before it arrived.", true));
        }
        if (stored.kind().equals(kind) && Objects.equals(stored.tokenId(), tokenId)
                && Objects.equals(stored.amount(), amount.minorUnits())) {
            if (advice && reopenDeclined(key, stored.outcome())) {
                log.info("advice decides a declined key again key={} was={}", key.reference(), stored.outcome());
                return Optional.empty();
            }
            return Optional.of(new Decision(stored.outcome(), stored.authCode(), null, true));
        }
        log.warn("transaction key reused for another request key={}", key.reference());
        return Optional.of(new Decision(Irc.DUPLICATE.name(), null,
                "This terminal, STAN and date were used for another transaction.", false));
    }

    /**
     * Takes a declined key back to {@code PENDING} for an advice to decide; only one caller wins, and an approved,
     * pending or reversed key is never reopened.
     */
    private boolean reopenDeclined(TerminalTransactionKey key, String outcome) {
        if (Irc.APPROVED.name().equals(outcome) || "PENDING".equals(outcome) || REVERSED_UNSEEN.equals(outcome)) {
            return false;
        }
        return jdbc.sql("""
                update cardless_transactions set outcome = 'PENDING'
                 where terminal_id = ? and stan = ? and transmission_date = ? and outcome = ? and reversed_at is null
                """)
                .params(key.terminalId(), key.stan(), key.transmissionDate(), outcome)
                .update() == 1;
    }

    /** Records a decline of the claimed key. */
    public Decision decline(TerminalTransactionKey key, Irc irc, String detail) {
        jdbc.sql("update cardless_transactions set outcome = ? where terminal_id = ? and stan = ? and transmission_date = ?")
                .params(irc.name(), key.terminalId(), key.stan(), key.transmissionDate())
                .update();
        log.info("declined key={} irc={} reason=\"{}\"", key.reference(), irc, detail);
        return new Decision(irc.name(), null, detail, false);
    }

    /** Records the decline of a token that failed verification (signature, expiry, type, branch). */
    public Decision declineToken(TerminalTransactionKey key, TokenFailure failure) {
        return decline(key, failure.irc(), switch (failure) {
            case MALFORMED, UNSUPPORTED_VERSION -> "The QR code is not a BranchLink token.";
            case UNKNOWN_KEY, BAD_SIGNATURE -> "The token's signature is not valid.";
            case EXPIRED -> "This token has expired.";
            case WRONG_TYPE -> "This token is for another kind of transaction.";
            case WRONG_BRANCH -> "This token is for another branch.";
        });
    }

    /** Records the decline of a token that verified but could not be used: why depends on where it ended. */
    public Decision declineUnusable(TerminalTransactionKey key, String tokenId) {
        Optional<CardlessToken> token = tokens.lookup(tokenId);
        Irc irc = token.map(t -> switch (t.status()) {
            case USED -> Irc.DUPLICATE;
            case CANCELLED -> Irc.DO_NOT_HONOUR;
            case ACTIVE, EXPIRED -> Irc.TOKEN_EXPIRED;
        }).orElse(Irc.TOKEN_INVALID);
        return decline(key, irc, switch (irc) {
            case DUPLICATE -> "This token was already used.";
            case DO_NOT_HONOUR -> "This token was cancelled.";
            case TOKEN_EXPIRED -> "This token has expired.";
            default -> "This token is not known.";
        });
    }

    /** Records the approval of the claimed key with the journal entry that moved the money. */
    public Decision approve(TerminalTransactionKey key, UUID entry, CardlessToken token) {
        String authCode = String.format("%06d", random.nextInt(1_000_000));
        jdbc.sql("""
                update cardless_transactions set outcome = 'APPROVED', auth_code = ?, entry_id = ?
                 where terminal_id = ? and stan = ? and transmission_date = ?
                """)
                .params(authCode, entry, key.terminalId(), key.stan(), key.transmissionDate())
                .update();
        log.info("approved key={} type={} token={}", key.reference(), token.type(), token.shortId());
        return new Decision(Irc.APPROVED.name(), authCode, null, false);
    }

    /** The original transaction of a reversal, locked until the reversal commits; empty when never seen. */
    public Optional<Original> lockOriginal(TerminalTransactionKey key) {
        return jdbc.sql("""
                select kind, token_id, amount, currency, outcome, reversed_at is not null as reversed
                  from cardless_transactions
                 where terminal_id = ? and stan = ? and transmission_date = ?
                   for update
                """)
                .params(key.terminalId(), key.stan(), key.transmissionDate())
                .query(Original.class)
                .optional();
    }

    /** Remembers a reversal whose original was never seen, so the late original is refused. */
    public void recordUnseenReversal(TerminalTransactionKey key, String kind) {
        jdbc.sql("""
                insert into cardless_transactions (terminal_id, stan, transmission_date, kind, outcome,
                                                   reversed_amount, reversed_at)
                values (?, ?, ?, ?, ?, 0, now())
                on conflict do nothing
                """)
                .params(key.terminalId(), key.stan(), key.transmissionDate(), kind, REVERSED_UNSEEN)
                .update();
        log.info("reversal for unseen transaction key={} recorded", key.reference());
    }

    public void markReversed(TerminalTransactionKey key, long amount, UUID entry) {
        jdbc.sql("""
                update cardless_transactions set reversed_amount = ?, reversal_entry_id = ?, reversed_at = now()
                 where terminal_id = ? and stan = ? and transmission_date = ?
                """)
                .params(amount, entry, key.terminalId(), key.stan(), key.transmissionDate())
                .update();
    }

    /** The token id for the record; a token that cannot be parsed has none. */
    private static String tokenIdOf(String token) {
        try {
            return QrTokenCodec.parse(token).claims().tokenIdHex();
        } catch (TokenFormatException e) {
            return null;
        }
    }

    /**
     * A claimed transaction.
     *
     * @param answer set when the key was decided before or the terminal handles no cash: return it as it is
     */
    public record Opened(Terminal terminal, Money amount, TerminalTransactionKey key, String tokenId,
            Decision answer) {
    }

    /** The original transaction a reversal names. */
    public record Original(String kind, String tokenId, Long amount, String currency, String outcome,
            boolean reversed) {

        public boolean approved() {
            return Irc.APPROVED.name().equals(outcome);
        }
    }

    private record Stored(String kind, String tokenId, Long amount, String outcome, String authCode) {
    }
}
