package io.branchlink.channel.demo;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param enabled seed the demo bank on start (once; a restart keeps what is there)
 * @param hubSecret the demo branch hub's secret; demo only, never a production value
 */
@ConfigurationProperties("branchlink.demo")
record DemoProperties(@DefaultValue("false") boolean enabled, @DefaultValue("demo-hub-secret") String hubSecret) {
}
