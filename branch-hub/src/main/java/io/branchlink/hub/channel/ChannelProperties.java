package io.branchlink.hub.channel;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where channel-api is and how this hub authenticates to it.
 *
 * @param baseUrl channel-api's base URL
 * @param hubId this hub's id at channel-api
 * @param hubSecret this hub's secret at channel-api; no default, and the demo's is refused outside the demo
 * @param connectTimeout how long to wait for a connection
 * @param readTimeout how long to wait for an answer; the ITM waits 30 s for its 0210, so attempts must fit inside
 * @param attempts how many times an idempotent call is tried before the outcome is declared unknown
 * @param maxFeedWait the longest hold of a staging feed long poll; its read timeout is {@code readTimeout} more
 */
@ConfigurationProperties("branchlink.hub.channel")
record ChannelProperties(@DefaultValue("http://127.0.0.1:8080") String baseUrl,
        @DefaultValue("hub-br001") String hubId, String hubSecret,
        @DefaultValue("1s") Duration connectTimeout, @DefaultValue("5s") Duration readTimeout,
        @DefaultValue("3") int attempts, @DefaultValue("30s") Duration maxFeedWait) {
}
