package io.branchlink.channel.arrival.internal;

import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Arrival settings.
 *
 * @param zone the branches' zone: a ticket's business day
 * @param maxAccuracyMetres the coarsest position accepted at all; a position must also be finer than the branch's
 *     radius
 */
@ConfigurationProperties("branchlink.channel.arrival")
public record ArrivalSettings(
        @DefaultValue("Asia/Shanghai") ZoneId zone,
        @DefaultValue("1000") double maxAccuracyMetres) {
}
