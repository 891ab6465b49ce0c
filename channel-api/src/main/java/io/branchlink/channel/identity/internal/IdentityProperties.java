package io.branchlink.channel.identity.internal;

import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where the identity verification provider is and how channel-api authenticates to it. There is no default provider
 * and no default key: without a base URL every check fails (and onboarding answers 503) until one is configured.
 *
 * @param baseUrl the provider's base URL, for example {@code https://idv.example.com}; checks go to
 *         {@code {baseUrl}/v1/identity-checks}
 * @param apiKey sent as {@code X-Api-Key}; required once a base URL is set
 * @param connectTimeout how long to wait for a connection
 * @param readTimeout how long to wait for the provider's verdict; the customer waits this long at most
 */
@ConfigurationProperties("branchlink.channel.identity")
@Validated
record IdentityProperties(URI baseUrl, String apiKey, @NotNull @DefaultValue("1s") Duration connectTimeout,
        @NotNull @DefaultValue("5s") Duration readTimeout) {

    IdentityProperties {
        if (baseUrl != null && (apiKey == null || apiKey.isBlank())) {
            throw new IllegalArgumentException("branchlink.channel.identity.api-key must be set with base-url");
        }
    }

    boolean configured() {
        return baseUrl != null;
    }

    @Override
    public String toString() {
        return "IdentityProperties[baseUrl=" + baseUrl + ", apiKey=" + (apiKey == null ? "unset" : "(set)")
                + ", connectTimeout=" + connectTimeout + ", readTimeout=" + readTimeout + "]";
    }
}
