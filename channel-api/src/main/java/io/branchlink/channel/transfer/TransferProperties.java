package io.branchlink.channel.transfer;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Transfers' limits and times.
 *
 * @param currency the one currency transfers move
 * @param maxAmount the largest amount a request may carry at all; more is a malformed request (400), checked
 *     before the limits
 * @param perTransactionLimit the most one transfer to someone else may move (422 EXCEEDS_LIMIT above)
 * @param dailyLimit the most a customer's transfers to others may move in one day of {@code zone}, pending
 *     interbank transfers included, refunded ones not (422 EXCEEDS_LIMIT above)
 * @param zone the bank's zone: the business day of the daily limit and of scheduled transfers
 * @param confirmTimeout how long an interbank transfer waits for the clearing system's confirmation before it is
 *     refunded
 * @param maxRetryDelay the longest wait between two submissions of an undelivered interbank payment
 * @param maxPayees how many payees a customer may keep
 */
@ConfigurationProperties("branchlink.channel.transfer")
@Validated
public record TransferProperties(@NotNull @Pattern(regexp = "[A-Z]{3}") @DefaultValue("CNY") String currency,
        @NotNull @DefaultValue("1000000") BigDecimal maxAmount,
        @NotNull @DefaultValue("50000") BigDecimal perTransactionLimit,
        @NotNull @DefaultValue("200000") BigDecimal dailyLimit,
        @NotNull @DefaultValue("Asia/Shanghai") ZoneId zone,
        @NotNull @DefaultValue("30m") Duration confirmTimeout,
        @NotNull @DefaultValue("5m") Duration maxRetryDelay,
        @Min(1) @Max(500) @DefaultValue("50") int maxPayees) {
}
