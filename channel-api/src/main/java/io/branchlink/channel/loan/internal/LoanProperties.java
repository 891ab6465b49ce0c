package io.branchlink.channel.loan.internal;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.math.BigDecimal;
import java.time.ZoneId;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The credit loan's settings.
 *
 * @param currency the currency of every credit line
 * @param zone the bank's zone, in which business dates and due dates are counted
 * @param termsMonths the terms a drawdown may choose
 * @param minimumDrawdown the smallest drawdown, in the currency's units
 * @param penaltyMarkup penalty interest on overdue principal, as a share of the line's annual rate (0.5: overdue
 *     principal bears the rate plus half of it, the half booked as penalty)
 * @param reminderStages days overdue at which a reminder is sent, once each, ascending
 * @param bankName the lender as printed on contracts (the bank's seal is {@code branchlink.channel.seal})
 */
@ConfigurationProperties("branchlink.channel.loan")
@Validated
record LoanProperties(
        @NotNull @DefaultValue("CNY") String currency,
        @NotNull @DefaultValue("Asia/Shanghai") ZoneId zone,
        @NotEmpty @DefaultValue({"3", "6", "12", "24"}) List<Integer> termsMonths,
        @NotNull @DecimalMin("0.01") @DefaultValue("100.00") BigDecimal minimumDrawdown,
        @NotNull @DecimalMin("0") @DefaultValue("0.5") BigDecimal penaltyMarkup,
        @NotEmpty @DefaultValue({"1", "7", "30"}) List<Integer> reminderStages,
        @NotNull @DefaultValue("汇联示范银行 BranchLink Demo Bank") String bankName) {
}
