package io.branchlink.hub.token;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param clockSkew how far past its expiry a token is still accepted, as channel-api allows
 * @param keyRefreshInterval the shortest time between two fetches of channel-api's public keys
 * @param replayWindow how long the replay guard remembers a presented token; longer than any token lives
 */
@ConfigurationProperties("branchlink.hub.token")
record TokenProperties(@DefaultValue("30s") Duration clockSkew, @DefaultValue("30s") Duration keyRefreshInterval,
        @DefaultValue("15m") Duration replayWindow) {
}
