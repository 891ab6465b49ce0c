package io.branchlink.hub.reversal;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param directory where pending reversals are kept until channel-api has decided them; pending deposit advices are
 *     kept in its {@code advices} subdirectory
 * @param pollInterval how often the relay looks for reversals that are due
 * @param firstRetry the wait after the first failed attempt; it doubles on each failure
 * @param maxRetry the longest wait between two attempts
 */
@ConfigurationProperties("branchlink.hub.reversal")
record ReversalProperties(@DefaultValue("data/branch-hub/reversals") String directory,
        @DefaultValue("500ms") Duration pollInterval, @DefaultValue("1s") Duration firstRetry,
        @DefaultValue("1m") Duration maxRetry) {
}
