package io.branchlink.channel.form;

import io.branchlink.channel.form.internal.action.ExchangeRates;
import io.branchlink.prefill.catalog.FormCatalog;
import io.branchlink.prefill.voucher.VoucherFont;
import io.branchlink.prefill.voucher.VoucherRenderer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;

/**
 * The catalog, the exchange rates and the voucher renderer, one of each: the catalog is parsed once, and the
 * renderer holds the CJK font, which is expensive to find and load. The renderer is created on first use, so
 * channel-api still starts (and serves everything but vouchers) on a machine without the font.
 */
@Configuration(proxyBeanMethods = false)
class FormConfiguration {

    @Bean
    FormCatalog formCatalog() {
        return FormCatalog.load();
    }

    @Bean
    ExchangeRates exchangeRates(FormsProperties properties) {
        return new ExchangeRates(properties.fxRates());
    }

    @Bean
    @Lazy
    VoucherRenderer voucherRenderer(FormsProperties properties) {
        return new VoucherRenderer(VoucherFont.require(), properties.zone());
    }
}
