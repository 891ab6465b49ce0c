package io.branchlink.hub.iso8583;

import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The ISO 8583 server and the terminals it serves.
 *
 * @param bindAddress the interface to listen on
 * @param port the TCP port, 8583 by default
 * @param maxMessageLength the longest message accepted; a longer length prefix closes the connection unread
 * @param terminals terminal id to its AES-128 MAC key (32 hex digits); a terminal not listed is refused
 * @param signOnTimeout how long a connection may stay open without a terminal signed on over it; the agent signs on
 *     at once after connecting and gives up after 5 s, so 10 s never cuts a real terminal. 0 disables it
 * @param maxConnections the most connections open at once; one more is closed at once
 * @param maxConnectionsPerAddress the most connections open at once from one source address
 */
@ConfigurationProperties("branchlink.hub.iso8583")
record IsoProperties(@DefaultValue("127.0.0.1") String bindAddress, @DefaultValue("8583") int port,
        @DefaultValue("4096") int maxMessageLength, @DefaultValue Map<String, String> terminals,
        @DefaultValue("10s") Duration signOnTimeout, @DefaultValue("512") int maxConnections,
        @DefaultValue("32") int maxConnectionsPerAddress) {
}
