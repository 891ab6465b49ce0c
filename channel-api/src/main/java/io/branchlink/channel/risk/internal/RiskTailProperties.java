package io.branchlink.channel.risk.internal;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How a node follows the events and holds other nodes write ({@link RiskEventTail}, {@link RiskHolds}).
 *
 * @param interval how often the tables are read for rows above the last applied sequence number: the lag behind
 *     another node's event or hold
 * @param gapTimeout how long a sequence number below the last applied one is looked for again (its transaction may
 *     still commit) before it is given up as rolled back
 * @param batch how many rows one read returns at most
 */
@ConfigurationProperties("branchlink.channel.risk.tail")
@Validated
record RiskTailProperties(@NotNull @DefaultValue("200ms") Duration interval,
        @NotNull @DefaultValue("30s") Duration gapTimeout,
        @Min(1) @Max(100_000) @DefaultValue("1000") int batch) {

    static final RiskTailProperties DEFAULTS = new RiskTailProperties(Duration.ofMillis(200), Duration.ofSeconds(30),
            1000);
}
