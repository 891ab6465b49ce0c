package io.branchlink.channel.cardless;

import io.branchlink.channel.customer.CustomerPrincipal;
import io.branchlink.channel.risk.RiskSignals;
import io.branchlink.protocol.money.Money;
import java.time.Duration;
import java.util.UUID;

/**
 * Cardless staging for another feature that stages on the customer's behalf at one terminal (an ITM session claim):
 * the same limits, risk engine, hold and token as the app's staging, with the token bound to the terminal and a
 * lifetime of the caller's choosing. Joins the caller's transaction.
 *
 * @see io.branchlink.channel.itmsession.ItmSessionIntegrationTests
 */
public interface CardlessStaging {

    /** Stages a withdrawal redeemable at {@code terminalId} only; throws the app's staging refusals. */
    IssuedToken withdrawalAt(CustomerPrincipal customer, UUID accountId, Money amount, String branchId,
            String terminalId, Duration ttl, RiskSignals device, String stepUpId);

    /** Stages a deposit redeemable at {@code terminalId} only; throws the app's staging refusals. */
    IssuedToken depositAt(CustomerPrincipal customer, UUID accountId, String branchId, String terminalId,
            Duration ttl, RiskSignals device, String stepUpId);

    /** The text of an active token, signed again from its stored claims, or null when it can no longer be used. */
    String activeText(String tokenId);

    /** A token just staged: its id and the text the terminal presents. */
    record IssuedToken(CardlessToken token, String text) {

        @Override
        public String toString() {
            return "IssuedToken[" + token.shortId() + "]";
        }
    }
}
