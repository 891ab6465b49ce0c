package io.branchlink.channel.mine.internal;

import io.branchlink.channel.mine.MineLine;
import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;

/** The "Mine" view of one customer: every amount is exact, a decimal in its currency's minor-unit scale. */
record MineView(
        @Schema(description = "When the view was read") Instant asOf,
        @Schema(description = "The first and last calendar month of the flows (Asia/Shanghai)") YearMonth from,
        YearMonth to,
        @Schema(description = "Assets, liabilities and net worth per currency") List<Total> totals,
        @Schema(description = "Every asset and liability, from every product") List<Line> lines,
        @Schema(description = "Income and expense per month and currency, every month of the period")
        List<Month> months,
        @Schema(description = "Money per category over the period; INTERNAL categories are not in the totals")
        List<Category> categories,
        @Schema(description = "Returns per currency over the period") List<Returns> returns) {

    record Total(String currency, BigDecimal assets, BigDecimal liabilities, BigDecimal netWorth) {
    }

    record Line(MineLine.Kind kind, MineLine.Product product, String reference, String name, String currency,
            BigDecimal balance, @Schema(description = "Annual rate in percent, when known") BigDecimal rate,
            @Schema(description = "Next due or maturity date") LocalDate dueDate,
            @Schema(description = "Unrealised gain of a fund or wealth holding") BigDecimal gain) {
    }

    record Month(YearMonth month, String currency, BigDecimal income, BigDecimal expense) {
    }

    record Category(String category, String flow, String currency, BigDecimal moneyIn, BigDecimal moneyOut,
            @Schema(description = "Income earned, expense spent (out less in), or internal money in less out")
            BigDecimal amount) {
    }

    record Returns(String currency, @Schema(description = "Interest earned in the period") BigDecimal interest,
            @Schema(description = "Unrealised gains of fund and wealth holdings now") BigDecimal fundGains) {
    }
}
