package io.branchlink.channel.system;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the embedded PostgreSQL server that channel-api starts when no {@code spring.datasource.url} is set.
 *
 * @param dataDirectory where the server keeps its files, so that data survives a restart
 * @param port the port to listen on, 0 for any free port
 */
@ConfigurationProperties("branchlink.channel.database")
record DatabaseProperties(@DefaultValue("data/channel-api/postgres") String dataDirectory, @DefaultValue("0") int port) {
}
