package io.branchlink.channel.risk.internal;

import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

/**
 * A hold on one customer, device or account: while it is in force every decision about that key is DENY. Placed by
 * an operator or by a DENY rule ({@code placedBy} = {@code rule:<id>}), it ends at {@code until} or when released.
 *
 * @param customerId the customer the hold concerns, or null when none was named (a device or account hold)
 * @param reason the private reason of whoever placed it; never shown to customers
 * @param until when it ends by itself, or null for a hold that lasts until released
 */
record RiskHold(UUID id, Kind kind, String key, UUID customerId, String placedBy, String reason, Instant placedAt,
        Instant until, String releasedBy, Instant releasedAt) {

    /** What is held: the request's customer id, device id or account id. */
    enum Kind {
        CUSTOMER("Your account is on hold. Please contact the bank."),
        ACCOUNT("This account is on hold. Please contact the bank."),
        DEVICE("This phone is on hold. Please contact the bank.");

        /** Shown to the customer as the reason of a decision denied by the hold. */
        final String description;
        final String feature = "hold." + name().toLowerCase(Locale.ROOT);

        Kind(String description) {
            this.description = description;
        }
    }

    /** Whether the hold denies decisions at {@code now}. */
    boolean inForce(Instant now) {
        return releasedAt == null && (until == null || until.isAfter(now));
    }

    RiskHold released(String by, Instant at) {
        return new RiskHold(id, kind, key, customerId, placedBy, reason, placedAt, until, by, at);
    }
}
