package io.branchlink.channel.risk.internal;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The risk engine's settings.
 *
 * @param rulesFile a rule file on disk that replaces the default set on the classpath ({@code risk/rules.yaml}), or
 *     null for the default set
 * @param rulesCheckInterval how often the rule file's modification time is checked (hot reload)
 * @param coolOff how long after a device binding or a phone-number change the cool-off features are 1 (as
 *     cardless's cool-off)
 * @param zone the time zone of the hour-of-day feature
 * @param largeAmount from which amount a new device counts as "new device × large amount", in major units
 */
@ConfigurationProperties("branchlink.channel.risk")
@Validated
record RiskProperties(String rulesFile, @NotNull @DefaultValue("10s") Duration rulesCheckInterval,
        @NotNull @DefaultValue("24h") Duration coolOff, @NotNull @DefaultValue("Asia/Shanghai") ZoneId zone,
        @NotNull @PositiveOrZero @DefaultValue("1000") BigDecimal largeAmount) {
}
