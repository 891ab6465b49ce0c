package io.branchlink.channel.terminal;

import io.branchlink.channel.cardless.CardlessToken;
import io.branchlink.channel.cardless.CardlessTokens;
import io.branchlink.channel.cardless.TokenKeys;
import io.branchlink.channel.hubaccess.HubPrincipal;
import io.branchlink.channel.ledger.Ledger;
import io.branchlink.channel.terminal.internal.TerminalTransactions.Opened;
import io.branchlink.channel.terminal.internal.TerminalTransactions;
import io.branchlink.protocol.hubapi.Decision;
import io.branchlink.protocol.hubapi.WithdrawalRequest;
import io.branchlink.protocol.qr.QrToken;
import io.branchlink.protocol.qr.TokenType;
import io.branchlink.protocol.qr.TokenVerification;
import io.branchlink.protocol.rc.Irc;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Redeems a withdrawal token at an ITM: claim the key, verify the token for this branch, check the amount, use the
 * token (single use is decided there), and capture its hold to the ITM's cash account. One database transaction.
 *
 * @see io.branchlink.channel.terminal.HubRedemptionIntegrationTests
 */
@Service
class RedeemWithdrawal {

    private final TerminalTransactions transactions;
    private final CardlessTokens tokens;
    private final TokenKeys keys;
    private final Ledger ledger;

    RedeemWithdrawal(TerminalTransactions transactions, CardlessTokens tokens, TokenKeys keys, Ledger ledger) {
        this.transactions = transactions;
        this.tokens = tokens;
        this.keys = keys;
        this.ledger = ledger;
    }

    @Transactional
    public Decision redeem(HubPrincipal hub, WithdrawalRequest request) {
        Opened opened = transactions.open(hub, "WITHDRAWAL", request.terminalId(), request.stan(),
                request.transmittedAt(), request.token(), request.amount(), request.currency(), request.rrn());
        if (opened.answer() != null) {
            return opened.answer();
        }
        TokenVerification verification = keys.verifier().verify(request.token(), TokenType.WITHDRAWAL,
                opened.terminal().branchId());
        if (verification instanceof TokenVerification.Invalid invalid) {
            return transactions.declineToken(opened.key(), invalid.failure());
        }
        QrToken claims = ((TokenVerification.Valid) verification).token();
        if (!opened.amount().equals(claims.amount())) {
            return transactions.decline(opened.key(), Irc.INVALID_AMOUNT,
                    "The amount differs from the staged withdrawal.");
        }
        Optional<CardlessToken> used = tokens.use(opened.tokenId(), TokenType.WITHDRAWAL, true);
        if (used.isEmpty()) {
            return transactions.declineUnusable(opened.key(), opened.tokenId());
        }
        UUID entry = ledger.captureHold(used.get().holdId(), opened.terminal().cashAccountId(),
                        "CARDLESS_WITHDRAWAL", opened.key().reference())
                .orElseThrow(() -> new IllegalStateException("hold of a used token was not open"));
        return transactions.approve(opened.key(), entry, used.get());
    }
}
