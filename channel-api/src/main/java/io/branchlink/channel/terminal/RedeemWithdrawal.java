package io.branchlink.channel.terminal;

import io.branchlink.channel.cardless.CardlessToken;
import io.branchlink.channel.cardless.CardlessTokens;
import io.branchlink.channel.cardless.TokenKeys;
import io.branchlink.channel.cardless.TokenStatus;
import io.branchlink.channel.hubaccess.HubPrincipal;
import io.branchlink.channel.ledger.Ledger;
import io.branchlink.channel.risk.RiskAction;
import io.branchlink.channel.risk.RiskRequest;
import io.branchlink.channel.terminal.internal.TerminalRisk;
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
 * Redeems a withdrawal token at an ITM: claim the key, verify the token for this branch, check the amount, ask the
 * risk engine about the token's customer, use the token (single use is decided there), and capture its hold to the
 * ITM's cash account. One database transaction. A risk decline ({@code RISK_DECLINED}, on DENY and on STEP_UP,
 * which the ITM cannot satisfy) leaves the token active and its hold placed: the customer may cancel it in the app,
 * or it expires and the sweeper releases the hold. A token created by an ITM session claim is redeemed only at the
 * terminal that showed the session code ({@code INVALID_TRANSACTION} elsewhere, and nothing moves).
 *
 * @see io.branchlink.channel.terminal.HubRedemptionIntegrationTests
 * @see io.branchlink.channel.terminal.TerminalRiskIntegrationTests
 */
@Service
class RedeemWithdrawal {

    private final TerminalTransactions transactions;
    private final CardlessTokens tokens;
    private final TokenKeys keys;
    private final Ledger ledger;
    private final TerminalRisk risk;

    RedeemWithdrawal(TerminalTransactions transactions, CardlessTokens tokens, TokenKeys keys, Ledger ledger,
            TerminalRisk risk) {
        this.transactions = transactions;
        this.tokens = tokens;
        this.keys = keys;
        this.ledger = ledger;
        this.risk = risk;
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
        Optional<CardlessToken> active = tokens.lookup(opened.tokenId())
                .filter(token -> token.status() == TokenStatus.ACTIVE);
        if (active.isEmpty()) {
            return transactions.declineUnusable(opened.key(), opened.tokenId());
        }
        if (!active.get().redeemableAt(request.terminalId())) {
            return transactions.decline(opened.key(), Irc.INVALID_TRANSACTION,
                    "This withdrawal was authorised for another ITM.");
        }
        RiskRequest question = risk.request(RiskAction.REDEMPTION, active.get(), opened.amount(), opened.terminal());
        Optional<Decision> declined = risk.decline(opened.key(), question, true);
        if (declined.isPresent()) {
            return declined.get();
        }
        Optional<CardlessToken> used = tokens.use(opened.tokenId(), TokenType.WITHDRAWAL, true);
        if (used.isEmpty()) {
            return transactions.declineUnusable(opened.key(), opened.tokenId());
        }
        UUID entry = ledger.captureHold(used.get().holdId(), opened.terminal().cashAccountId(),
                        "CARDLESS_WITHDRAWAL", opened.key().reference())
                .orElseThrow(() -> new IllegalStateException("hold of a used token was not open"));
        risk.approved(question);
        return transactions.approve(opened.key(), entry, used.get());
    }
}
