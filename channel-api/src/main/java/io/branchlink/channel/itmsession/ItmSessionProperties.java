package io.branchlink.channel.itmsession;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Lifetimes of ITM session codes and of the authorisations their claims create.
 *
 * @param codeTtl how long a session code shown at an ITM can be claimed; the hub shows a new one before
 * @param authorisationTtl how long the cardless token created by a claim stays valid: the ITM's window to complete
 *     the transaction, after which the sweeper releases the hold
 * @param keepUnclaimed unclaimed codes are deleted this long after they expired
 * @param sweepInterval how often unclaimed, expired codes are deleted
 */
@ConfigurationProperties("branchlink.channel.itm-sessions")
public record ItmSessionProperties(
        @DefaultValue("120s") Duration codeTtl,
        @DefaultValue("90s") Duration authorisationTtl,
        @DefaultValue("1h") Duration keepUnclaimed,
        @DefaultValue("5m") Duration sweepInterval) {
}
