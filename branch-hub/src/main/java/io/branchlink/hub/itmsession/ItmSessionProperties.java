package io.branchlink.hub.itmsession;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Session codes and the ITM session feed at the hub.
 *
 * @param enabled whether the hub shows codes and polls the feed at all
 * @param refreshInterval how often the hub looks for ITMs whose code is missing or about to expire
 * @param renewBefore a code this close to its expiry is replaced, so a phone that scanned it still has time
 * @param pollInterval the pause between two long polls of the feed
 * @param waitSeconds how long one long poll waits at channel-api (at most 30)
 * @param firstRetry the pause after the first failed poll; it doubles up to {@code maxRetry}
 */
@ConfigurationProperties("branchlink.hub.itm-sessions")
record ItmSessionProperties(@DefaultValue("true") boolean enabled, @DefaultValue("5s") Duration refreshInterval,
        @DefaultValue("45s") Duration renewBefore, @DefaultValue("50ms") Duration pollInterval,
        @DefaultValue("20") int waitSeconds, @DefaultValue("1s") Duration firstRetry,
        @DefaultValue("30s") Duration maxRetry) {
}
