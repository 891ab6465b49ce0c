package io.branchlink.channel.clearing.internal;

import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where the interbank clearing system is and how the two sides authenticate. There is no default system and no
 * default secret: without a base URL every submission fails and stays in the outbox (and is refunded when its
 * confirmation time passes) until one is configured; without a notification secret every notification is refused.
 *
 * @param baseUrl the clearing system's base URL; payments go to {@code {baseUrl}/v1/payments}
 * @param apiKey sent as {@code X-Api-Key} with every payment; required once a base URL is set
 * @param notificationSecret the shared secret the clearing system signs its notifications with (at least 32
 *     characters)
 * @param callbackUrl where the clearing system sends its notifications for a payment, sent with each payment, or
 *     null when the clearing system has it registered
 * @param connectTimeout how long to wait for a connection
 * @param readTimeout how long to wait for the clearing system's answer to a submission
 * @param signatureTolerance how far a notification's timestamp may be from now, either way
 */
@ConfigurationProperties("branchlink.channel.clearing")
@Validated
record ClearingProperties(URI baseUrl, String apiKey, String notificationSecret, URI callbackUrl,
        @NotNull @DefaultValue("1s") Duration connectTimeout, @NotNull @DefaultValue("5s") Duration readTimeout,
        @NotNull @DefaultValue("5m") Duration signatureTolerance) {

    ClearingProperties {
        if (baseUrl != null && (apiKey == null || apiKey.isBlank())) {
            throw new IllegalArgumentException("branchlink.channel.clearing.api-key must be set with base-url");
        }
        if (notificationSecret != null && notificationSecret.length() < 32) {
            throw new IllegalArgumentException("branchlink.channel.clearing.notification-secret must have at least"
                    + " 32 characters");
        }
    }

    boolean configured() {
        return baseUrl != null;
    }

    @Override
    public String toString() {
        return "ClearingProperties[baseUrl=" + baseUrl + ", apiKey=" + (apiKey == null ? "unset" : "(set)")
                + ", notificationSecret=" + (notificationSecret == null ? "unset" : "(set)") + ", callbackUrl="
                + callbackUrl + ", connectTimeout=" + connectTimeout + ", readTimeout=" + readTimeout
                + ", signatureTolerance=" + signatureTolerance + "]";
    }
}
