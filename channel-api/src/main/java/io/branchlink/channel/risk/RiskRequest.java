package io.branchlink.channel.risk;

import io.branchlink.protocol.money.Money;
import java.util.Objects;
import java.util.UUID;

/**
 * One question to the risk engine: may this customer do this now?
 *
 * @param action what is asked for
 * @param customerId the customer
 * @param deviceId the phone (or terminal) the request comes from, or null
 * @param accountId the account the money moves from or to, or null
 * @param amount the amount, or null for an action that moves no money
 * @param counterparty the other party of a transfer or remittance (an account number or payee id), or null
 * @param location the phone's position and/or the branch, or null
 * @param channel where the request comes from
 * @param customerAge the customer's age in years when the caller knows it, or null (the profile holds no birth
 *     date yet)
 * @param signals the phone's integrity flags and the token's issue time, where known ({@link RiskSignals#NONE}
 *     when null is given)
 */
public record RiskRequest(RiskAction action, UUID customerId, String deviceId, UUID accountId, Money amount,
        String counterparty, RiskLocation location, RiskChannel channel, Integer customerAge, RiskSignals signals) {

    public RiskRequest {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(channel, "channel");
        signals = signals == null ? RiskSignals.NONE : signals;
    }

    /** A request with no {@link RiskSignals}. */
    public RiskRequest(RiskAction action, UUID customerId, String deviceId, UUID accountId, Money amount,
            String counterparty, RiskLocation location, RiskChannel channel, Integer customerAge) {
        this(action, customerId, deviceId, accountId, amount, counterparty, location, channel, customerAge,
                RiskSignals.NONE);
    }

    /** The same request with these signals. */
    public RiskRequest with(RiskSignals value) {
        return new RiskRequest(action, customerId, deviceId, accountId, amount, counterparty, location, channel,
                customerAge, value);
    }
}
