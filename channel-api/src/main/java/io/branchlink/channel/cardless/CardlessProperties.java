package io.branchlink.channel.cardless;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Cardless limits and token lifetimes. Amounts are decimals in {@code currency}.
 *
 * @param tokenTtl how long a staged token stays valid
 * @param clockSkew how far past expiry a token is still accepted, for terminal clocks that run behind
 * @param freshLogin staging needs a session opened at most this long ago: a fresh strong authentication
 * @param withdrawalUnit withdrawals are whole multiples of this (the smallest note the ITMs dispense)
 * @param perTransactionLimit the largest single withdrawal
 * @param dailyLimit the most a customer may stage for withdrawal in one calendar day of {@code zone}
 * @param coolOff after a phone is bound or the phone number changes, lower limits apply for this long
 * @param coolOffPerTransactionLimit the largest single withdrawal during a cool-off
 * @param coolOffDailyLimit the most a customer may stage for withdrawal in one calendar day during a cool-off, so
 *     that a phone bound by someone else cannot stage one capped withdrawal after another
 * @param depositMaximum the largest cash deposit one token accepts
 * @param sweepInterval how often expired tokens release their holds
 */
@ConfigurationProperties("branchlink.channel.cardless")
public record CardlessProperties(
        @DefaultValue("CNY") String currency,
        @DefaultValue("5m") Duration tokenTtl,
        @DefaultValue("30s") Duration clockSkew,
        @DefaultValue("10m") Duration freshLogin,
        @DefaultValue("100") BigDecimal withdrawalUnit,
        @DefaultValue("5000") BigDecimal perTransactionLimit,
        @DefaultValue("20000") BigDecimal dailyLimit,
        @DefaultValue("24h") Duration coolOff,
        @DefaultValue("1000") BigDecimal coolOffPerTransactionLimit,
        @DefaultValue("1000") BigDecimal coolOffDailyLimit,
        @DefaultValue("50000") BigDecimal depositMaximum,
        @DefaultValue("Asia/Shanghai") ZoneId zone,
        @DefaultValue("15s") Duration sweepInterval) {
}
