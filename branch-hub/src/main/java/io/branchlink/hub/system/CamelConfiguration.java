package io.branchlink.hub.system;

import org.apache.camel.CamelContext;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Lets the central error handlers ({@code mqttErrors}, {@code iso8583Errors}) work on the message exactly as it was
 * received ({@code useOriginalBody}), even when a route failed after decoding it; Camel keeps a reference to each
 * exchange's first message for that.
 */
@Configuration(proxyBeanMethods = false)
class CamelConfiguration {

    @Bean
    CamelContextConfiguration originalMessageForDeadLetters() {
        return new CamelContextConfiguration() {

            @Override
            public void beforeApplicationStart(CamelContext camelContext) {
                camelContext.setAllowUseOriginalMessage(true);
            }

            @Override
            public void afterApplicationStart(CamelContext camelContext) {
                // nothing to do once started
            }
        };
    }
}
