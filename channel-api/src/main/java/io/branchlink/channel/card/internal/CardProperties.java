package io.branchlink.channel.card.internal;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.math.BigDecimal;
import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Credit card terms and the card processor's inbound interface. Amounts are decimals in {@code currency}.
 *
 * @param currency the currency cards are kept in
 * @param zone the bank's time zone: a purchase or repayment belongs to the business date of this zone
 * @param minimumPaymentRate the minimum payment is this share of the statement balance ...
 * @param minimumPaymentFloor ... but at least this much (or the whole balance when it is smaller)
 * @param dailyInterestRate interest per day on the statement balance still unpaid after the due date
 * @param limitReviewCeiling a limit increase up to this limit applies at once; above it the request waits for review
 * @param processorSecret the key the card processor signs its messages with (HMAC-SHA-256); no default: without it
 *     the processor interface refuses every message. Only the demo sets one.
 */
@ConfigurationProperties("branchlink.channel.card")
@Validated
record CardProperties(
        @NotNull @DefaultValue("CNY") @Pattern(regexp = "[A-Z]{3}") String currency,
        @NotNull @DefaultValue("Asia/Shanghai") ZoneId zone,
        @NotNull @DefaultValue("0.10") @DecimalMin("0") @DecimalMax("1") BigDecimal minimumPaymentRate,
        @NotNull @DefaultValue("100") @DecimalMin("0") BigDecimal minimumPaymentFloor,
        @NotNull @DefaultValue("0.0005") @DecimalMin("0") @DecimalMax("0.01") BigDecimal dailyInterestRate,
        @NotNull @DefaultValue("50000") @DecimalMin("0") BigDecimal limitReviewCeiling,
        String processorSecret) {

    boolean processorConfigured() {
        return processorSecret != null && !processorSecret.isBlank();
    }

    @Override
    public String toString() {
        return "CardProperties[currency=" + currency + ", zone=" + zone + ", minimumPaymentRate=" + minimumPaymentRate
                + ", minimumPaymentFloor=" + minimumPaymentFloor + ", dailyInterestRate=" + dailyInterestRate
                + ", limitReviewCeiling=" + limitReviewCeiling + ", processorSecret="
                + (processorConfigured() ? "(set)" : "unset") + "]";
    }
}
