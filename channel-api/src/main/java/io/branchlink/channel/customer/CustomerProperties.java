package io.branchlink.channel.customer;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param sessionTtl how long a bearer session lives after login
 * @param maxSessionsPerCustomer open sessions kept per customer; the oldest are ended past this
 */
@ConfigurationProperties("branchlink.channel.customer")
record CustomerProperties(@DefaultValue("15m") Duration sessionTtl, @DefaultValue("5") int maxSessionsPerCustomer) {
}
