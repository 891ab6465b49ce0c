package io.branchlink.channel.form.internal.action;

import java.math.BigDecimal;
import java.util.Map;

/**
 * Indicative demo rates for currency exchange at the counter: CNY for one unit of each currency.
 *
 * @param cnyPerUnit the table, from {@code branchlink.channel.forms.fx-rates}
 */
public record ExchangeRates(Map<String, BigDecimal> cnyPerUnit) {

    public ExchangeRates {
        cnyPerUnit = Map.copyOf(cnyPerUnit);
    }

    BigDecimal rate(String currency) {
        BigDecimal rate = cnyPerUnit.get(currency);
        if (rate == null || rate.signum() <= 0) {
            throw new BusinessFailure("There is no exchange rate for " + currency + ".");
        }
        return rate;
    }
}
