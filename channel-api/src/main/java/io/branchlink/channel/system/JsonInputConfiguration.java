package io.branchlink.channel.system;

import com.fasterxml.jackson.databind.Module;
import io.branchlink.protocol.json.JsonInputLimits;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Every JSON body the API reads is held to the shared {@link JsonInputLimits}; {@link ApiExceptionHandler} answers a
 * refusal as a 400 {@code FORMAT_ERROR} problem naming the field.
 *
 * @see io.branchlink.channel.system.JsonInputLimitsIntegrationTests
 */
@Configuration(proxyBeanMethods = false)
class JsonInputConfiguration {

    /** Registered by Spring Boot, with every other module bean, on the application's ObjectMapper. */
    @Bean
    Module jsonInputLimitsModule() {
        return JsonInputLimits.module();
    }

    @Bean
    Jackson2ObjectMapperBuilderCustomizer jsonInputLimits() {
        return builder -> builder
                .featuresToDisable(JsonInputLimits.DISABLED.toArray())
                .featuresToEnable(JsonInputLimits.ENABLED.toArray())
                .postConfigurer(mapper -> mapper.getFactory().setStreamReadConstraints(JsonInputLimits.constraints()));
    }
}
