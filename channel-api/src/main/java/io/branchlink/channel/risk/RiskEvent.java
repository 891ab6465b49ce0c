package io.branchlink.channel.risk;

import io.branchlink.protocol.money.Money;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * An action that completed, as the risk engine learns it: it is stored in PostgreSQL and folded into the feature
 * state at once. The fields mean what they mean in {@link RiskRequest}.
 *
 * @param occurredAt when the action completed
 */
public record RiskEvent(Instant occurredAt, RiskAction action, UUID customerId, String deviceId, UUID accountId,
        Money amount, String counterparty, RiskLocation location, RiskChannel channel) {

    public RiskEvent {
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(channel, "channel");
    }

    /** The event of a request that was allowed and then completed at {@code occurredAt}. */
    public static RiskEvent of(RiskRequest request, Instant occurredAt) {
        return new RiskEvent(occurredAt, request.action(), request.customerId(), request.deviceId(),
                request.accountId(), request.amount(), request.counterparty(), request.location(), request.channel());
    }
}
