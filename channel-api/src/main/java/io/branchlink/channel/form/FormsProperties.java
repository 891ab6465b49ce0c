package io.branchlink.channel.form;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Counter business settings.
 *
 * @param tokenTtl how long a FORM token (and so a submitted form) stays valid
 * @param sweepInterval how often forms past their token's expiry are expired and withdrawn from their branch
 * @param freshLogin submitting or staging needs a bound phone and a session opened at most this long ago
 * @param zone the branches' zone: "today" for date rules, voucher dates and times
 * @param bankZh the bank's name on vouchers, in Chinese
 * @param bankEn the bank's name on vouchers, in English
 * @param fxRates indicative demo rates: CNY for one unit of each currency (a fixed table, not market rates)
 */
@ConfigurationProperties("branchlink.channel.forms")
record FormsProperties(
        @DefaultValue("4h") Duration tokenTtl,
        @DefaultValue("15s") Duration sweepInterval,
        @DefaultValue("10m") Duration freshLogin,
        @DefaultValue("Asia/Shanghai") ZoneId zone,
        @DefaultValue("汇联示范银行") String bankZh,
        @DefaultValue("BranchLink Demo Bank") String bankEn,
        Map<String, BigDecimal> fxRates) {

    static final Map<String, BigDecimal> DEFAULT_FX_RATES = Map.of(
            "CNY", new BigDecimal("1"),
            "USD", new BigDecimal("7.1000"),
            "EUR", new BigDecimal("7.7000"),
            "HKD", new BigDecimal("0.9100"),
            "JPY", new BigDecimal("0.0480"),
            "GBP", new BigDecimal("9.0000"));

    FormsProperties {
        fxRates = fxRates == null || fxRates.isEmpty() ? DEFAULT_FX_RATES : Map.copyOf(fxRates);
    }
}
