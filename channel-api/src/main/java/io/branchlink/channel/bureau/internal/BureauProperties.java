package io.branchlink.channel.bureau.internal;

import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where the credit bureau is and how channel-api authenticates to it. There is no default bureau and no default
 * key: without a base URL every loan application answers 503 until one is configured.
 *
 * @param baseUrl the bureau's base URL; reports are asked at {@code {baseUrl}/v1/reports}
 * @param apiKey sent as {@code X-Api-Key}; required once a base URL is set
 * @param connectTimeout how long to wait for a connection
 * @param readTimeout how long to wait for the report; the applicant waits this long at most
 */
@ConfigurationProperties("branchlink.channel.bureau")
@Validated
record BureauProperties(URI baseUrl, String apiKey, @NotNull @DefaultValue("1s") Duration connectTimeout,
        @NotNull @DefaultValue("3s") Duration readTimeout) {

    BureauProperties {
        if (baseUrl != null && (apiKey == null || apiKey.isBlank())) {
            throw new IllegalArgumentException("branchlink.channel.bureau.api-key must be set with base-url");
        }
    }

    boolean configured() {
        return baseUrl != null;
    }

    @Override
    public String toString() {
        return "BureauProperties[baseUrl=" + baseUrl + ", apiKey=" + (apiKey == null ? "unset" : "(set)")
                + ", connectTimeout=" + connectTimeout + ", readTimeout=" + readTimeout + "]";
    }
}
