package io.branchlink.hub.mqtt;

import org.apache.camel.CamelContext;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Lets {@link MqttErrorHandling} forward the message exactly as the broker delivered it ({@code useOriginalBody}),
 * even when a route failed after decoding it; Camel keeps a reference to each exchange's first message for that.
 */
@Configuration(proxyBeanMethods = false)
class MqttCamelConfiguration {

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
