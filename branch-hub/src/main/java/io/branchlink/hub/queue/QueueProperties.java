package io.branchlink.hub.queue;

import java.time.Duration;
import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The queue's settings.
 *
 * @param zone the branch's zone: "today" for the console's wait summary
 * @param keep how long a ticket stays in the cluster map after it was issued
 */
@ConfigurationProperties("branchlink.hub.queue")
record QueueProperties(@DefaultValue("Asia/Shanghai") ZoneId zone, @DefaultValue("36h") Duration keep) {
}
