package io.branchlink.hub.form;

import io.branchlink.prefill.catalog.FormCatalog;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The counter's form catalog (prefill), for the labels and ID-check flags the teller console shows. */
@Configuration(proxyBeanMethods = false)
class FormCatalogConfiguration {

    @Bean
    FormCatalog formCatalog() {
        return FormCatalog.load();
    }
}
