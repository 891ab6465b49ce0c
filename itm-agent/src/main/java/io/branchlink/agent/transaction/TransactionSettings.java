package io.branchlink.agent.transaction;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Objects;

/**
 * The settings the customer flows read: who the terminal is, its currency and local time, and how long each wait
 * lasts.
 *
 * @param hostTimeout how long an 0200 waits for its 0210 before it is reversed
 * @param cashTakenTimeout how long presented cash waits to be taken before it is retracted
 * @param confirmTimeout how long the deposit amount waits for the customer's confirmation
 * @param reversalWait how long a customer session waits for the first 0430 before leaving the reversal queued
 */
public record TransactionSettings(String terminalId, String branchId, String currency, ZoneId zone,
        Duration hostTimeout, Duration cashTakenTimeout, Duration confirmTimeout, Duration reversalWait) {

    public TransactionSettings {
        Objects.requireNonNull(terminalId, "terminalId");
        Objects.requireNonNull(branchId, "branchId");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(hostTimeout, "hostTimeout");
        Objects.requireNonNull(cashTakenTimeout, "cashTakenTimeout");
        Objects.requireNonNull(confirmTimeout, "confirmTimeout");
        Objects.requireNonNull(reversalWait, "reversalWait");
    }
}
