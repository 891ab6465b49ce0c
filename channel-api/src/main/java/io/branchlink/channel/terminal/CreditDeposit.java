package io.branchlink.channel.terminal;

import io.branchlink.channel.cardless.CardlessProperties;
import io.branchlink.channel.cardless.CardlessToken;
import io.branchlink.channel.cardless.CardlessTokens;
import io.branchlink.channel.cardless.TokenKeys;
import io.branchlink.channel.cardless.TokenStatus;
import io.branchlink.channel.hubaccess.HubPrincipal;
import io.branchlink.channel.ledger.Ledger;
import io.branchlink.channel.ledger.Posting;
import io.branchlink.channel.risk.RiskAction;
import io.branchlink.channel.system.ApiException;
import io.branchlink.channel.terminal.internal.DepositAdvices;
import io.branchlink.channel.terminal.internal.TerminalRisk;
import io.branchlink.channel.terminal.internal.TerminalTransactions.Opened;
import io.branchlink.channel.terminal.internal.TerminalTransactions;
import io.branchlink.protocol.hubapi.Decision;
import io.branchlink.protocol.hubapi.DepositRequest;
import io.branchlink.protocol.money.Money;
import io.branchlink.protocol.qr.QrToken;
import io.branchlink.protocol.qr.TokenFailure;
import io.branchlink.protocol.qr.TokenType;
import io.branchlink.protocol.qr.TokenVerification;
import io.branchlink.protocol.rc.Irc;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Credits cash counted at an ITM to the account of a deposit token: claim the key, verify the token, check the
 * amount, ask the risk engine, use the token and post cash GL to the customer. A request comes while the notes are
 * still in the ITM's escrow, so a risk decline ({@code RISK_DECLINED}, on a DENY) gives them back to the customer
 * and moves no money; the token stays active. A STEP_UP does not decline a deposit: it only pays into the token's
 * account, and the ITM cannot ask for a second factor. An advice (the ITM has already kept the notes) is credited
 * even when the token expired meanwhile, and above the deposit maximum, and is not asked about: the cash is the
 * customer's and in the bank's hands, and refusing the credit would only leave it unbooked. An advice is credited
 * exactly once on the original 0200's key: when that 0200 was already credited (its 0210 was lost) or the advice is
 * repeated, the stored approval is answered as a duplicate; when the 0200 was declined, the advice decides the key
 * again. An advice is refused only for a token that cannot take it: cancelled, unknown, not verifiable, of another
 * branch or already used by another transaction; the ITM then keeps the notes on an exception record. A token created by an ITM
 * session claim is credited only at the terminal that showed the session code ({@code INVALID_TRANSACTION} elsewhere).
 *
 * @see io.branchlink.channel.terminal.HubRedemptionIntegrationTests
 * @see io.branchlink.channel.terminal.DepositAdviceIntegrationTests
 * @see io.branchlink.channel.terminal.TerminalRiskRulesIntegrationTests
 */
@Service
class CreditDeposit {

    private final TerminalTransactions transactions;
    private final CardlessTokens tokens;
    private final TokenKeys keys;
    private final Ledger ledger;
    private final CardlessProperties properties;
    private final TerminalRisk risk;
    private final DepositAdvices advices;

    CreditDeposit(TerminalTransactions transactions, CardlessTokens tokens, TokenKeys keys, Ledger ledger,
            CardlessProperties properties, TerminalRisk risk, DepositAdvices advices) {
        this.advices = advices;
        this.transactions = transactions;
        this.tokens = tokens;
        this.keys = keys;
        this.ledger = ledger;
        this.properties = properties;
        this.risk = risk;
    }

    @Transactional
    public Decision credit(HubPrincipal hub, DepositRequest request) {
        Opened opened = transactions.open(hub, "DEPOSIT", request.terminalId(), request.stan(),
                request.transmittedAt(), request.token(), request.amount(), request.currency(), request.rrn(),
                request.advice());
        if (opened.answer() != null) {
            if (request.advice()) {
                advices.counted(opened.answer(), true);
            }
            return opened.answer();
        }
        Decision decision = decide(request, opened);
        if (request.advice()) {
            advices.counted(decision, false);
        }
        return decision;
    }

    private Decision decide(DepositRequest request, Opened opened) {
        String branchId = opened.terminal().branchId();
        TokenVerification verification = keys.verifier().verify(request.token(), TokenType.DEPOSIT, branchId);
        if (verification instanceof TokenVerification.Invalid invalid
                && !(request.advice() && invalid.failure() == TokenFailure.EXPIRED
                        && scopeFits(invalid.token(), branchId))) {
            return transactions.declineToken(opened.key(), invalid.failure());
        }
        Money amount = opened.amount();
        Money maximum = Money.of(properties.depositMaximum(), amount.currencyCode());
        if (!amount.isPositive() || (!request.advice() && amount.minorUnits() > maximum.minorUnits())) {
            return transactions.decline(opened.key(), Irc.INVALID_AMOUNT, "A cardless deposit is at most " + maximum
                    + ".");
        }
        if (tokens.lookup(opened.tokenId()).filter(token -> !token.redeemableAt(request.terminalId())).isPresent()) {
            return transactions.decline(opened.key(), Irc.INVALID_TRANSACTION,
                    "This deposit was authorised for another ITM.");
        }
        if (!request.advice()) {
            Optional<CardlessToken> active = tokens.lookup(opened.tokenId())
                    .filter(token -> token.status() == TokenStatus.ACTIVE);
            if (active.isEmpty()) {
                return transactions.declineUnusable(opened.key(), opened.tokenId());
            }
            Optional<Decision> declined = risk.decline(opened.key(), risk.request(RiskAction.CARDLESS_DEPOSIT,
                    active.get(), amount, opened.terminal()), false);
            if (declined.isPresent()) {
                return declined.get();
            }
        }
        Optional<CardlessToken> used = tokens.use(opened.tokenId(), TokenType.DEPOSIT, !request.advice());
        if (used.isEmpty()) {
            return transactions.declineUnusable(opened.key(), opened.tokenId());
        }
        if (!used.get().currency().equals(amount.currencyCode())) {
            throw new ApiException(Irc.INVALID_TRANSACTION, "The account is kept in " + used.get().currency() + ".");
        }
        UUID entry = ledger.post("CARDLESS_DEPOSIT", opened.key().reference(), amount.currencyCode(), List.of(
                Posting.debit(opened.terminal().cashAccountId(), amount.minorUnits()),
                Posting.credit(used.get().accountId(), amount.minorUnits())));
        risk.approved(risk.request(RiskAction.CARDLESS_DEPOSIT, used.get(), amount, opened.terminal()));
        return transactions.approve(opened.key(), entry, used.get());
    }

    private static boolean scopeFits(QrToken claims, String branchId) {
        return claims != null && claims.type() == TokenType.DEPOSIT
                && (claims.branchId() == null || claims.branchId().equals(branchId));
    }
}
