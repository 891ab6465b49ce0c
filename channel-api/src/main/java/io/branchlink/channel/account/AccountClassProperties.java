package io.branchlink.channel.account;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;
import java.math.BigDecimal;
import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The limits of the account classes. Amounts are decimals in {@code currency}; days and years are calendar days and
 * years of {@code zone}.
 *
 * @param classTwo the limits of a Class II account
 */
@ConfigurationProperties("branchlink.channel.account")
@Validated
record AccountClassProperties(@Valid @DefaultValue ClassTwo classTwo, @NotNull @DefaultValue("CNY") String currency,
        @NotNull @DefaultValue("Asia/Shanghai") ZoneId zone) {

    /**
     * @param dailyOutbound the most that may leave a Class II account in one day
     * @param yearlyOutbound the most that may leave a Class II account in one year
     */
    record ClassTwo(@NotNull @DecimalMin("0") @DefaultValue("10000.00") BigDecimal dailyOutbound,
            @NotNull @DecimalMin("0") @DefaultValue("200000.00") BigDecimal yearlyOutbound) {
    }
}
