package io.branchlink.sim.population;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * One action a customer (or a fraudster on their account) attempts, with its truth label. The action and channel
 * names are those of the risk engine's {@code RiskAction} and {@code RiskChannel}.
 *
 * @param id unique in the population
 * @param dependsOn the id of the action this one needs to have completed (the staging of a redemption, the binding
 *     of the phone a fraudster then uses), or 0
 * @param at when it is attempted
 * @param warmUp true for the history before the measured month
 * @param action what is attempted
 * @param customerId the customer whose account it is
 * @param deviceId the phone it comes from (for a redemption at the ITM, the phone that staged it)
 * @param accountId the customer's account
 * @param amountMinor the amount in fen (CNY), or null for an action that moves no money
 * @param counterparty the payee of a transfer, or null
 * @param latitude the phone's position, or null when it is not reported
 * @param longitude with {@code latitude}
 * @param branchId the branch of the ITM or counter, or null
 * @param channel where it comes from
 * @param customerAge the customer's age in years
 * @param label the truth
 */
public record SimulatedAction(long id, long dependsOn, Instant at, boolean warmUp, Action action, UUID customerId,
        String deviceId, UUID accountId, Long amountMinor, String counterparty, Double latitude, Double longitude,
        String branchId, Channel channel, int customerAge, Label label) {

    /** The risk engine's action names. */
    public enum Action {
        LOGIN,
        DEVICE_BINDING,
        PHONE_CHANGE,
        CARDLESS_WITHDRAWAL,
        CARDLESS_DEPOSIT,
        REDEMPTION,
        FORM_EXECUTION,
        TRANSFER
    }

    /** The risk engine's channel names. */
    public enum Channel {
        APP,
        ITM,
        COUNTER,
        WEB
    }

    public SimulatedAction {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(label, "label");
        if ((latitude == null) != (longitude == null)) {
            throw new IllegalArgumentException("latitude and longitude come together");
        }
    }

    /** Money leaves the bank when this action completes: a transfer, or cash collected at the ITM. */
    public boolean movesMoneyOut() {
        return action == Action.TRANSFER || action == Action.REDEMPTION;
    }
}
