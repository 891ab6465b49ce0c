package io.branchlink.channel.stepup.internal;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param ttl how long a step-up can be verified and then used
 * @param purgeAfter how long past their expiry step-ups, passkey challenges and device-binding challenges are kept
 *         (an answer to one still says "expired" rather than "unknown" meanwhile)
 * @param sweepInterval how often the purge runs
 */
@ConfigurationProperties("branchlink.channel.stepup")
@Validated
record StepUpProperties(@NotNull @DefaultValue("5m") Duration ttl, @NotNull @DefaultValue("1d") Duration purgeAfter,
        @NotNull @DefaultValue("1h") Duration sweepInterval) {
}
