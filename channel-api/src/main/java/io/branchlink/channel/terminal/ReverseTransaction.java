package io.branchlink.channel.terminal;

import io.branchlink.channel.cardless.CardlessTokens;
import io.branchlink.channel.hubaccess.HubPrincipal;
import io.branchlink.channel.ledger.InsufficientFundsException;
import io.branchlink.channel.ledger.Ledger;
import io.branchlink.channel.ledger.Posting;
import io.branchlink.channel.terminal.internal.Terminal;
import io.branchlink.channel.terminal.internal.TerminalMoney;
import io.branchlink.channel.terminal.internal.TerminalTransactionKey;
import io.branchlink.channel.terminal.internal.TerminalTransactions.Original;
import io.branchlink.channel.terminal.internal.TerminalTransactions;
import io.branchlink.channel.terminal.internal.Terminals;
import io.branchlink.protocol.hubapi.Decision;
import io.branchlink.protocol.hubapi.ReversalRequest;
import io.branchlink.protocol.money.Money;
import io.branchlink.protocol.rc.Irc;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reverses the original transaction with the request's key, by the part the terminal did not complete. Applying it
 * twice changes nothing; a reversal for a key never seen is remembered, so the late original is refused. A deposit
 * reversal the customer's balance no longer covers is booked to suspense for branch reconciliation.
 *
 * @see io.branchlink.channel.terminal.HubRedemptionIntegrationTests
 */
@Service
class ReverseTransaction {

    private static final Logger log = LoggerFactory.getLogger(ReverseTransaction.class);
    static final String SUSPENSE_ACCOUNT = "SUSPENSE-CARDLESS";

    private final TerminalTransactions transactions;
    private final Terminals terminals;
    private final CardlessTokens tokens;
    private final Ledger ledger;
    private final JdbcClient jdbc;

    ReverseTransaction(TerminalTransactions transactions, Terminals terminals, CardlessTokens tokens, Ledger ledger,
            JdbcClient jdbc) {
        this.transactions = transactions;
        this.terminals = terminals;
        this.tokens = tokens;
        this.ledger = ledger;
        this.jdbc = jdbc;
    }

    @Transactional
    public Decision reverse(HubPrincipal hub, ReversalRequest request) {
        Terminal terminal = terminals.of(hub, request.terminalId());
        Money completed = TerminalMoney.parse(request.completedAmount(), request.currency());
        TerminalTransactionKey key = TerminalTransactionKey.of(request.terminalId(), request.stan(),
                request.transmittedAt());
        Optional<Original> found = transactions.lockOriginal(key);
        if (found.isEmpty()) {
            transactions.recordUnseenReversal(key, request.kind());
            return new Decision(Irc.APPROVED.name(), null, "Nothing was applied under this key.", false);
        }
        Original original = found.get();
        if (original.reversed()) {
            return new Decision(Irc.APPROVED.name(), null, "Already reversed.", true);
        }
        if (!original.approved()) {
            transactions.markReversed(key, 0, null);
            return new Decision(Irc.APPROVED.name(), null, "The original was declined: nothing to reverse.", false);
        }
        if (!original.kind().equals(request.kind()) || !original.currency().equals(completed.currencyCode())
                || completed.minorUnits() < 0 || completed.minorUnits() > original.amount()) {
            return new Decision(Irc.INVALID_AMOUNT.name(), null,
                    "The completed amount does not fit the original transaction.", false);
        }
        long remainder = original.amount() - completed.minorUnits();
        UUID entry = remainder == 0 ? null : post(terminal, original, key, remainder);
        transactions.markReversed(key, remainder, entry);
        log.info("reversed key={} kind={} reversedMinor={} completedMinor={}", key.reference(), original.kind(),
                remainder, completed.minorUnits());
        return new Decision(Irc.APPROVED.name(), null, null, false);
    }

    private UUID post(Terminal terminal, Original original, TerminalTransactionKey key, long amount) {
        UUID customerAccount = tokens.lookup(original.tokenId()).orElseThrow().accountId();
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
}
