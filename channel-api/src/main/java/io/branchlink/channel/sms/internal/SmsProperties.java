package io.branchlink.channel.sms.internal;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where the SMS gateway is and how channel-api authenticates to it. There is no default gateway and no default key:
 * without a base URL every send fails (and binding by SMS code answers 503) until one is configured.
 *
 * @param baseUrl the gateway's base URL, for example {@code https://sms.example.com}; messages go to
 *         {@code {baseUrl}/v1/messages}
 * @param apiKey sent as {@code X-Api-Key}; required once a base URL is set
 * @param connectTimeout how long to wait for a connection
 * @param readTimeout how long to wait for the gateway's answer; the customer waits this long at most
 * @param defaultCountryCode the country calling code put in front of a registered number that has none
 */
@ConfigurationProperties("branchlink.channel.sms")
@Validated
record SmsProperties(URI baseUrl, String apiKey, @NotNull @DefaultValue("1s") Duration connectTimeout,
        @NotNull @DefaultValue("3s") Duration readTimeout,
        @NotNull @Pattern(regexp = "[1-9][0-9]{0,2}") @DefaultValue("86") String defaultCountryCode) {

    SmsProperties {
        if (baseUrl != null && (apiKey == null || apiKey.isBlank())) {
            throw new IllegalArgumentException("branchlink.channel.sms.api-key must be set with base-url");
        }
    }

    boolean configured() {
        return baseUrl != null;
    }

    @Override
    public String toString() {
        return "SmsProperties[baseUrl=" + baseUrl + ", apiKey=" + (apiKey == null ? "unset" : "(set)")
                + ", connectTimeout=" + connectTimeout + ", readTimeout=" + readTimeout + ", defaultCountryCode="
                + defaultCountryCode + "]";
    }
}
