package io.branchlink.hub.system;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.branchlink.protocol.json.JsonInputLimits;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.json.MappingJackson2HttpMessageConverter;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Every JSON body the hub's own HTTP APIs read (the teller console, the device API) is held to the shared
 * {@link JsonInputLimits}, as channel-api's are: a refusal is Spring MVC's 400 for an unreadable body, before any value
 * reaches a feature.
 *
 * <p>Only Spring MVC's JSON converter gets a bounded copy of Spring's ObjectMapper. The ObjectMapper itself, which
 * {@code ChannelClient} and the {@code RestClient} use to read channel-api's answers, stays unbounded: those answers
 * carry voucher PDFs in Base64, longer than {@link JsonInputLimits#MAX_STRING_LENGTH}, and come from the bank, not
 * from outside.
 *
 * @see io.branchlink.hub.teller.TellerConsoleIntegrationTests
 */
@Configuration(proxyBeanMethods = false)
class JsonInputConfiguration {

    @Bean
    WebMvcConfigurer jsonInputLimits(ObjectMapper objectMapper) {
        ObjectMapper bounded = bounded(objectMapper);
        return new WebMvcConfigurer() {
            @Override
            public void extendMessageConverters(List<HttpMessageConverter<?>> converters) {
                converters.replaceAll(converter -> converter instanceof MappingJackson2HttpMessageConverter
                        ? new MappingJackson2HttpMessageConverter(bounded) : converter);
            }
        };
    }

    /** A copy of {@code mapper} with the limits' module, features and parser constraints. */
    static ObjectMapper bounded(ObjectMapper mapper) {
        return JsonInputLimits.applyTo(mapper.copy());
    }
}
