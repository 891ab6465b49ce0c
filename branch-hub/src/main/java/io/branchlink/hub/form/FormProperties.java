package io.branchlink.hub.form;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The staging feed loop.
 *
 * @param feedEnabled whether this node polls channel-api's staging feed at all
 * @param pollInterval the pause between two feed polls; a poll itself waits up to {@code waitSeconds} at channel-api
 * @param waitSeconds how long channel-api may hold a poll open (0 to 30)
 * @param firstRetry the pause after a failed poll, doubling on each further failure ...
 * @param maxRetry ... up to this
 */
@ConfigurationProperties("branchlink.hub.forms")
record FormProperties(@DefaultValue("true") boolean feedEnabled, @DefaultValue("100ms") Duration pollInterval,
        @DefaultValue("20") int waitSeconds, @DefaultValue("1s") Duration firstRetry,
        @DefaultValue("30s") Duration maxRetry) {
}
